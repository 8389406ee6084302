import { useState, type DragEvent } from 'react';

/**
 * A drop target for files: whether something is dragged over it (to highlight it), and the handlers for
 * its element. `onDrop` gets the event after the browser's default (opening the file) is prevented; it
 * must read `dataTransfer` at once, which is emptied when the event returns.
 */
export function useDropZone(onDrop: (event: DragEvent) => void) {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (event: DragEvent) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (event: DragEvent) => {
        event.preventDefault();
        setOver(false);
        onDrop(event);
      },
    },
  };
}
