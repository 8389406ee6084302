import { useEffect, type ReactNode } from 'react';
import { stepwiseStore, useStepwise } from '../../state/appStore';
import { lastPosition } from '../../state/store';
import { PLAY_SPEEDS } from '../../model/playback';
import { runPlayback } from '../../state/playbackSlice';
import { describeChange } from '../../steps/describe';
import { Icon } from '../ui/Icon';
import { RunTrackSlot } from '../runs/RunTrackSlot';
import './Timeline.css';

const NO_CHANGES: readonly number[] = [];

/** The slider over every position, the step buttons, play/pause and the selected file's change markers. */
export function Timeline() {
  const position = useStepwise((s) => s.position);
  const last = useStepwise(lastPosition);
  const playing = useStepwise((s) => s.playing);
  const speedIndex = useStepwise((s) => s.speedIndex);
  const snapshots = useStepwise((s) => s.scenario.replay.snapshots);
  const changes = useStepwise(
    (s) => (s.selectedPath ? s.scenario.replay.fileChanges.get(s.selectedPath) : undefined) ?? NO_CHANGES,
  );
  const { goTo, step, togglePlay, setSpeedIndex, jumpToChange, setScrubbing } = stepwiseStore.getState();
  useEffect(() => runPlayback(stepwiseStore), []);

  // A drag passes many positions and makes one history entry (sync.ts): it lasts until the pointer is let go,
  // wherever that happens.
  const startScrub = () => {
    setScrubbing(true);
    const end = () => {
      setScrubbing(false);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline__buttons">
        <TimelineButton label="First step" title="First step (Home)" disabled={position === 0} onClick={() => goTo(0)}>
          <Icon name="first" filled />
        </TimelineButton>
        <TimelineButton
          label="Previous step"
          title="Previous step (←)"
          disabled={position === 0}
          onClick={() => step(-1)}
        >
          <Icon name="previous" filled />
        </TimelineButton>
        <TimelineButton
          label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          primary
          onClick={togglePlay}
        >
          <Icon name={playing ? 'pause' : 'play'} filled />
        </TimelineButton>
        <TimelineButton label="Next step" title="Next step (→)" disabled={position === last} onClick={() => step(1)}>
          <Icon name="next" filled />
        </TimelineButton>
        <TimelineButton
          label="Last step"
          title="Last step (End)"
          disabled={position === last}
          onClick={() => goTo(last)}
        >
          <Icon name="last" filled />
        </TimelineButton>
      </div>
      {/* Beside Play, and before the slider: from the slider, Tab goes on to the steps and the tree. */}
      <label className="timeline__speed">
        <span>Speed</span>
        <select
          aria-label="Playback speed"
          value={speedIndex}
          onChange={(event) => setSpeedIndex(Number(event.target.value))}
        >
          {PLAY_SPEEDS.map((speed, index) => (
            <option key={speed.label} value={index}>
              {speed.label}
            </option>
          ))}
        </select>
      </label>
      <div className="timeline__track">
        <input
          type="range"
          className="timeline__slider"
          aria-label="Step"
          min={0}
          max={last}
          step={1}
          value={position}
          aria-valuetext={`Step ${position} of ${last}`}
          onChange={(event) => goTo(Number(event.target.value))}
          onPointerDown={startScrub}
        />
        {changes.length > 0 && last > 0 && (
          // For the pointer: the keyboard has [ and ], and the narration says what each step did.
          <div className="timeline__markers" aria-hidden="true">
            {changes.map((change) => (
              <span
                key={change}
                className={`timeline__marker${change === position ? ' timeline__marker--current' : ''}`}
                style={{ left: `calc(${(change / last) * 100}% + ${8 - (change / last) * 16}px)` }}
                data-step={change}
                onClick={() => goTo(change)}
              >
                <span className="timeline__tip">
                  Step {change}: {describeChange(snapshots[change].change)}
                </span>
              </span>
            ))}
          </div>
        )}
        <RunTrackSlot />
      </div>
      <output className="timeline__position" aria-hidden="true">
        Step <strong>{position}</strong> of {last}
      </output>
      {changes.length > 0 && (
        <div className="timeline__changes" role="group" aria-label="Changes of the selected file">
          <TimelineButton
            label="Previous change of the selected file"
            title="Previous change ( [ )"
            disabled={!changes.some((c) => c < position)}
            onClick={() => jumpToChange(-1)}
          >
            [
          </TimelineButton>
          <TimelineButton
            label="Next change of the selected file"
            title="Next change ( ] )"
            disabled={!changes.some((c) => c > position)}
            onClick={() => jumpToChange(1)}
          >
            ]
          </TimelineButton>
        </div>
      )}
    </section>
  );
}

interface TimelineButtonProps {
  /** The accessible name. */
  label: string;
  /** The tooltip: the action and the key that does the same. */
  title: string;
  disabled?: boolean;
  primary?: boolean;
  onClick: () => void;
  children: ReactNode;
}

function TimelineButton({ label, title, disabled, primary, onClick, children }: TimelineButtonProps) {
  return (
    <button
      type="button"
      className={primary ? 'button button--primary timeline__play' : 'button'}
      aria-label={label}
      title={title}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
