import { useRef, type ReactNode } from 'react';

export interface FilePickButtonProps {
  /** What the button says ("Open file…"). */
  children: ReactNode;
  /** The input's `accept`: which files the picker offers. */
  accept?: string;
  /** Picks a folder (every file in it, named by its path from the folder) instead of one file. */
  folder?: boolean;
  /** Several files may be picked at once. */
  multiple?: boolean;
  primary?: boolean;
  disabled?: boolean;
  /** Called with what was picked; never for an empty choice. */
  onPick: (files: File[]) => void;
}

/** A button that opens the browser's file picker through a hidden file input. */
export function FilePickButton({
  children,
  accept,
  folder = false,
  multiple = false,
  primary = false,
  disabled,
  onPick,
}: FilePickButtonProps) {
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button--primary' : 'button'}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        {children}
      </button>
      <input
        ref={(element) => {
          input.current = element;
          // Not in React's typings; the attribute makes the picker choose folders.
          if (folder) element?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared, so that picking the same file again is a change too.
          event.target.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
    </>
  );
}
