import { Suspense, useRef, type KeyboardEvent } from 'react';
import { useStepwise } from '../../state/appStore';
import { DETAIL_TABS } from './detailTabs';
import { PaneBoundary } from '../ui/PaneBoundary';
import './DetailTabs.css';

/** The tabbed right-hand area (WAI-ARIA tabs: arrow keys move between tabs). */
export function DetailTabs() {
  const active = useStepwise((s) => s.detailTab);
  const setActive = useStepwise((s) => s.setDetailTab);
  const tabList = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = DETAIL_TABS.findIndex((tab) => tab.id === active);
    const count = DETAIL_TABS.length;
    const targets: Record<string, number> = {
      ArrowRight: (index + 1) % count,
      ArrowLeft: (index - 1 + count) % count,
      Home: 0,
      End: count - 1,
    };
    const next = targets[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    setActive(DETAIL_TABS[next].id);
    tabList.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  const tab = DETAIL_TABS.find((t) => t.id === active) ?? DETAIL_TABS[0];
  return (
    <div className="detail-tabs">
      {DETAIL_TABS.length > 1 && (
        <div className="detail-tabs__list" role="tablist" aria-label="Views" ref={tabList} onKeyDown={onKeyDown}>
          {DETAIL_TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={t.id === active}
              aria-controls={`panel-${t.id}`}
              tabIndex={t.id === active ? 0 : -1}
              className="detail-tabs__tab"
              onClick={() => setActive(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      )}
      <div
        className="detail-tabs__panel"
        role={DETAIL_TABS.length > 1 ? 'tabpanel' : undefined}
        id={`panel-${tab.id}`}
        aria-labelledby={DETAIL_TABS.length > 1 ? `tab-${tab.id}` : undefined}
      >
        <PaneBoundary name={tab.label} key={tab.id}>
          <Suspense fallback={<p className="muted detail-tabs__loading">Loading {tab.label}…</p>}>
            <tab.Panel />
          </Suspense>
        </PaneBoundary>
      </div>
    </div>
  );
}
