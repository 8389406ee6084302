import { Suspense } from 'react';
import { useStepwise } from '../../state/appStore';
import { DETAIL_TABS } from './detailTabs';
import { PaneBoundary } from '../ui/PaneBoundary';
import { onTabListKeyDown } from '../ui/tabKeys';
import './DetailTabs.css';

/** The tabbed right-hand area (WAI-ARIA tabs: arrow keys move between tabs); the open tab is in the address. */
export function DetailTabs() {
  const active = useStepwise((s) => s.detailTab);
  const setActive = useStepwise((s) => s.setDetailTab);
  const tab = DETAIL_TABS.find((t) => t.id === active) ?? DETAIL_TABS[0];
  return (
    <div className="detail-tabs">
      {DETAIL_TABS.length > 1 && (
        <div
          className="detail-tabs__list"
          role="tablist"
          aria-label="Views"
          onKeyDown={(event) =>
            onTabListKeyDown(
              event,
              DETAIL_TABS.map((t) => t.id),
              active,
              setActive,
            )
          }
        >
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
        // The "Skip to file view" link moves focus here.
        tabIndex={-1}
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
