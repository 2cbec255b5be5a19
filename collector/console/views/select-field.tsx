import { h } from 'preact';

/** A labelled select; `value` given, it follows the page's state (the route, a signal), else the person's choice stays. */
export function SelectField({ id, name, label, value, options, onChange }: {
  id: string; name?: string; label: string; value?: string; options: [string, string][]; onChange?: (event: Event) => void;
}) {
  return (
    <span class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={onChange}>
        {options.map(([option, text]) => <option key={option} value={option}>{text}</option>)}
      </select>
    </span>
  );
}
