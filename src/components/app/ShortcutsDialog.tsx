import { useModalDialog } from '../ui/useModalDialog';
import './ShortcutsDialog.css';

export interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
}

export const SHORTCUTS: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['← / →', 'Previous / next step'],
  ['Home / End', 'First / last step'],
  ['Space', 'Play / pause'],
  ['[ / ]', 'Previous / next change of the selected file'],
  ['n / Shift+N', 'Next / previous problem step of the open run (not done in its place)'],
  ['/', 'Filter the steps'],
  ['?', 'Show this list'],
  ['↑ ↓ Page Up/Down Home End, Enter or Space', 'In the step list: move between steps, jump to one'],
  ['↑ ↓ Home End ← →, Enter or Space', 'In the file tree: move, open and close folders, open a file'],
  // Monaco's own keys (editor.action.toggleTabFocusMode, editor.action.accessibleDiffViewer.next / .prev).
  // Read-only editors never take Tab, so Tab leaves them whether the switch is on or off.
  ['Ctrl+M', 'In the editor: Monaco’s “Tab moves focus” switch; here Tab always leaves the read-only editor'],
  ['F7 / Shift+F7', 'In a diff: next / previous change, read out in the accessible diff viewer'],
];

/** The list of keyboard shortcuts, in a native modal dialog (focus trap and Escape for free). */
export function ShortcutsDialog({ open, onClose }: ShortcutsDialogProps) {
  const dialog = useModalDialog(open);
  return (
    <dialog ref={dialog} className="dialog shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts do not fire while typing in a field or inside the editor.</p>
      <button type="button" className="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
