import { startUi } from './start-ui.tsx';
import { english } from './strings/en.ts';

startUi('en', english);
