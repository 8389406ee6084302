import './Icon.css';

const PATHS = {
  directory: 'M1.5 3.5h4.2l1.5 1.5h7.3v8h-13z',
  file: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3',
  update: 'M3 13l1-3.5L11 2.5l2.5 2.5-7 7zM9.5 4l2.5 2.5',
  first: 'M3.5 3v10M12.5 3.5L6 8l6.5 4.5z',
  previous: 'M11 3.5L4.5 8l6.5 4.5z',
  play: 'M5 3l8 5-8 5z',
  pause: 'M4.5 3.5h2.5v9H4.5zM9 3.5h2.5v9H9z',
  next: 'M5 3.5L11.5 8 5 12.5z',
  last: 'M12.5 3v10M3.5 3.5L10 8l-6.5 4.5z',
  // A run's step statuses (src/components/runs): each has its own shape, so no status is told by colour alone.
  done: 'M3 8.5l3.2 3.2L13 4.5',
  equivalent: 'M2.5 6.2c1.8-1.8 3.7 1.8 5.5 0s3.7-1.8 5.5 0M2.5 10.7c1.8-1.8 3.7 1.8 5.5 0s3.7-1.8 5.5 0',
  combined: 'M3 2.5v3.5l5 3.5 5-3.5V2.5M8 9.5v4',
  'out-of-order': 'M5 13V3M2.5 5.5L5 3l2.5 2.5M11 3v10M8.5 10.5L11 13l2.5-2.5',
  wrong: 'M4 4l8 8M12 4l-8 8',
  missing: 'M8 2.5a5.5 5.5 0 1 0 .01 0M3.8 12.2l8.4-8.4',
  flag: 'M4 14V2.5M4 3h8l-2 3 2 3H4',
} as const;

export type IconName = keyof typeof PATHS;

export interface IconProps {
  name: IconName;
  /** Solid glyphs (transport controls) are filled; outline glyphs (files) are stroked. */
  filled?: boolean;
}

/** A 16 px glyph drawn as SVG, so it renders the same with any installed fonts. Decorative only. */
export function Icon({ name, filled = false }: IconProps) {
  return (
    <svg
      className={`icon${filled ? ' icon--filled' : ''}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
