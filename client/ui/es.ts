import { startUi } from './start-ui.tsx';
import { spanish } from './strings/es.ts';

startUi('es', spanish);
