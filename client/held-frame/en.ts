import { startHeldFrameNotes } from './notes.ts';
import { english } from './strings/en.ts';

window.Cordon.register(startHeldFrameNotes('en', english));
