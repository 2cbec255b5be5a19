import { h } from 'preact';

interface ChoiceSwitchProps {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onToggle(checked: boolean): void;
}

/** One opt-out as a switch: "on" means opted out, which is what the statutory label says. */
export function ChoiceSwitch({ id, label, hint, checked, onToggle }: ChoiceSwitchProps) {
  return (
    <div class="choice">
      <button type="button" role="switch" id={id} class="plain switch" aria-checked={checked} aria-describedby={`${id}-hint`}
        onClick={() => onToggle(!checked)}>
        <span class="track" aria-hidden="true"><span class="thumb" /></span>
      </button>
      <label for={id} class="label">{label}</label>
      <p id={`${id}-hint`} class="muted hint">{hint}</p>
    </div>
  );
}
