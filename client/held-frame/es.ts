import { startHeldFrameNotes } from './notes.ts';
import { spanish } from './strings/es.ts';

window.Cordon.register(startHeldFrameNotes('es', spanish));
