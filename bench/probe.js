// Injected by the benchmark (page.addInitScript) before the app's own scripts; never part of the
// build. Plain JavaScript so that Playwright can inject it as it is.
//
// Timing model: the work of a step must fit into the frame that follows the input. A measured input
// is dispatched at the start of a frame (inside requestAnimationFrame); React renders it
// synchronously (a click or key press is a discrete event) before that frame's style, layout and
// paint; a message posted from the same frame is delivered only once that rendering is done.
// So "after paint" minus "input" is the main-thread time until the new position is on screen.
(() => {
  // Pages that show other documents in frames (the trace viewer's snapshots) are measured in their top frame only.
  if (window !== window.top) return;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  /** performance.now() once the current frame's rendering has finished (call it from inside a frame). */
  const afterPaint = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  const nextPaint = () => frame().then(afterPaint);

  const probe = {
    /** name → ms since navigation start, when the thing was first painted. */
    painted: {},
    /**
     * name → ms since navigation start, when the thing's text was first put into the page, for the marks timed by
     * Element Timing. Taken by a mutation observer, which runs at the end of the task that inserted the text: for
     * React, after its render and commit, with the style and layout that the commit forced.
     */
    inserted: {},
    /**
     * Frames whose main-thread work took 50 ms or more (Long Animation Frames): when each started, and when its
     * rendering (style, layout, paint and the commit to the compositor) was done. Raster and compositing come
     * after that, off the main thread.
     */
    longFrames: [],
    /** Zip blobs handed to the browser: time and size. */
    zips: [],
    /** keydown → painted, ms, for real (trusted) key presses while recording. */
    keyLatencies: [],
    recordingKeys: false,
    /** When the last trusted key went down (event.timeStamp). */
    lastKey: Number.NaN,
  };

  const marks = {
    steps: () => document.querySelector('ol[aria-label="Steps"] li') !== null,
    tree: () => document.querySelector('[role="tree"] [role="treeitem"]') !== null,
    details: () => document.querySelector('.step-details__text') !== null,
    editor: () => {
      const lines = document.querySelector('.file-pane__body .monaco-editor .view-lines');
      return lines !== null && lines.textContent.trim() !== '';
    },
    // The selected file readable: as plain text before Monaco has loaded, or in Monaco.
    fileText: () =>
      marks.editor() || (document.querySelector('.file-pane__body .file-view__pre')?.textContent ?? '') !== '',
  };

  // The first paint of the marks above is timed with Element Timing where the browser has it: the time
  // the frame with the text was presented. The after-paint time (a message task after the frame) can come
  // late when other tasks were queued first, as they are while a page starts. The probe sets the
  // attribute on the texts as they are inserted, before they are painted, and stops once all of them have
  // been painted; a mark watched again later (see rewatch) is timed after paint.
  const timedTexts = {
    steps: 'ol[aria-label="Steps"] .step-list__number',
    tree: '[role="tree"] .file-tree__name',
    details: '.step-details__text strong',
    editor: '.file-pane__body .monaco-editor .view-lines .view-line span span',
    fileText: '.file-pane__body .file-view__pre, .file-pane__body .monaco-editor .view-lines .view-line span span',
  };
  // The side-by-side mode (bench/traceViewer.ts) sets its own marks, name → selector, before the probe runs, so
  // that the probe watches the same thing in the same way on both pages and nothing else.
  const ownMarks = window.__probeMarks;
  if (ownMarks) {
    for (const name of Object.keys(marks)) delete marks[name];
    for (const name of Object.keys(timedTexts)) delete timedTexts[name];
    for (const [name, selector] of Object.entries(ownMarks)) {
      marks[name] = () => document.querySelector(selector) !== null;
      timedTexts[name] = selector;
    }
  }
  const presented = {};
  const hasElementTiming = PerformanceObserver.supportedEntryTypes?.includes('element') ?? false;
  // Also records when each text was first put into the page (see probe.inserted), with or without Element Timing.
  const tagger = new MutationObserver(() => {
    for (const [name, selector] of Object.entries(timedTexts))
      if (!(name in presented))
        for (const text of document.querySelectorAll(`${selector}:not([elementtiming])`)) {
          text.setAttribute('elementtiming', name);
          probe.inserted[name] ??= performance.now();
        }
    if (!hasElementTiming && Object.keys(timedTexts).every((name) => name in probe.inserted)) tagger.disconnect();
  });
  tagger.observe(document, { childList: true, subtree: true });
  if (hasElementTiming)
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.identifier in timedTexts && entry.renderTime > 0 && !(entry.identifier in presented)) {
          presented[entry.identifier] = entry.renderTime;
          if (Object.keys(timedTexts).every((name) => name in presented)) tagger.disconnect();
        }
    }).observe({ type: 'element', buffered: true });

  const keepFrames = (entries) => {
    for (const entry of entries)
      if (entry.renderStart > 0)
        probe.longFrames.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  };
  const frameObserver = PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')
    ? new PerformanceObserver((list) => keepFrames(list.getEntries()))
    : null;
  frameObserver?.observe({ type: 'long-animation-frame', buffered: true });
  /**
   * When the main thread finished rendering the frame that first showed `name`: the end of the long frame during
   * which the text was put into the page. NaN when that frame was not a long one (under 50 ms), or is not known.
   */
  probe.frameDone = (name) => {
    // Entries not yet delivered to the observer (it is called in a later task) are taken now.
    if (frameObserver) keepFrames(frameObserver.takeRecords());
    const at = probe.inserted[name] ?? Number.NaN;
    return probe.longFrames.find((frame) => frame.start <= at && at <= frame.end)?.end ?? Number.NaN;
  };

  /** When `name` was presented, if Element Timing reports it within a moment; else `paintedAt`. */
  const presentedOr = (name, paintedAt) =>
    new Promise((resolve) => {
      let tries = 0;
      const check = () => {
        if (name in presented || !(name in timedTexts) || ++tries > 25) resolve(presented[name] ?? paintedAt);
        else setTimeout(check, 20);
      };
      check();
    });

  let polling = false;
  const timing = new Set();
  const poll = () => {
    let pending = false;
    for (const [name, test] of Object.entries(marks)) {
      if (name in probe.painted || timing.has(name)) continue;
      if (test()) {
        timing.add(name);
        void afterPaint()
          .then((t) => presentedOr(name, t))
          .then((t) => {
            timing.delete(name);
            probe.painted[name] ??= t;
          });
      } else pending = true;
    }
    polling = pending;
    if (pending) requestAnimationFrame(poll);
  };
  const watch = () => {
    if (polling) return;
    polling = true;
    requestAnimationFrame(poll);
  };
  watch();
  /** Adds a mark: `selector`'s text contains `text`. */
  probe.watchText = (name, selector, text) => {
    marks[name] = () => document.querySelector(selector)?.textContent.includes(text) ?? false;
    delete probe.painted[name];
    delete presented[name];
    delete timedTexts[name];
    watch();
  };
  /** Forgets when `name` was painted and waits for it again. */
  probe.rewatch = (name) => {
    delete probe.painted[name];
    // Its first presentation (Element Timing) must not stand in for the next paint.
    delete presented[name];
    delete timedTexts[name];
    watch();
  };

  const createObjectURL = URL.createObjectURL.bind(URL);
  let zipWaiters = [];
  URL.createObjectURL = (object) => {
    if (object instanceof Blob && object.type === 'application/zip') {
      const entry = { at: performance.now(), size: object.size };
      probe.zips.push(entry);
      for (const resolve of zipWaiters) resolve(entry);
      zipWaiters = [];
    }
    return createObjectURL(object);
  };

  window.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted) return;
      probe.lastKey = event.timeStamp;
      if (!probe.recordingKeys) return;
      const start = event.timeStamp;
      void nextPaint().then((t) => probe.keyLatencies.push(t - start));
    },
    true,
  );

  const button = (label) => {
    const found = [...document.querySelectorAll('button')].find(
      (b) => b.getAttribute('aria-label') === label || b.textContent.trim() === label,
    );
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  };
  const slider = () => document.querySelector('input[type="range"][aria-label="Step"]');

  /** Whether the current step's row is on screen inside the step list's scroller. */
  const currentStepInView = () => {
    const row = document.querySelector('ol[aria-label="Steps"] [aria-selected="true"]');
    const scroller = row?.closest('.virtual-list');
    if (!row || !scroller) return false;
    const inner = row.getBoundingClientRect();
    const outer = scroller.getBoundingClientRect();
    return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  };

  /** Which step the file pane shows, or null when it is not open (see FilePane: it is drawn a frame later). */
  const panePosition = () => document.querySelector('.file-pane[data-position]')?.getAttribute('data-position') ?? null;

  /**
   * When a pane drawn after the rest counts as painted: the end of the first frame after its last change, once
   * `shows()` says it shows the new content and two frames have passed without it changing (Monaco renders its
   * view in an animation frame of its own, a diff arrives from its worker, a snapshot loads in a frame). A change
   * seen after a frame may have come from a task after that frame's paint, so the frame after it is the one that
   * shows it. Changes are mutations under `root` and in the documents of its frames; `since` is when the rest was
   * painted.
   */
  const settled = async (root, shows, since, what) => {
    let changed = false;
    const observer = new MutationObserver(() => (changed = true));
    const options = { subtree: true, childList: true, attributes: true, characterData: true };
    const observe = () => {
      observer.observe(root, options);
      for (const inner of root.querySelectorAll('iframe'))
        if (inner.contentDocument) observer.observe(inner.contentDocument, options);
    };
    let paneAt = since;
    let unpainted = false;
    let quiet = 0;
    try {
      for (let frames = 0; ; frames++) {
        if (frames === 120) throw new Error(`${what} did not settle`);
        observe();
        const painted = await nextPaint();
        if (changed) {
          changed = false;
          unpainted = true;
          quiet = 0;
          continue;
        }
        if (unpainted) {
          paneAt = painted;
          unpainted = false;
        }
        if (shows() && ++quiet === 2) return paneAt;
      }
    } finally {
      observer.disconnect();
    }
  };

  /**
   * Runs each input in turn, one per frame (an input is a function that finds its target and returns the
   * action, so that finding it is not timed); returns input → painted for each, and how many times the current
   * step's row was on screen afterwards (checked after the paint). When the file pane is open it is drawn
   * after the rest of the step: the next input waits until it shows the new position too, and `panes` has
   * input → file pane painted for each.
   */
  const measureInputs = async (inputs) => {
    const out = [];
    const panes = [];
    let inView = 0;
    const missed = [];
    for (const prepare of inputs) {
      const act = prepare();
      await frame();
      const start = performance.now();
      act();
      out.push((await afterPaint()) - start);
      if (currentStepInView()) inView++;
      else missed.push(Number(slider().value));
      const pane = document.querySelector('.file-pane[data-position]');
      if (pane === null) continue;
      const paneAt = await settled(
        pane.parentElement,
        () => panePosition() === slider().value,
        out[out.length - 1] + start,
        `the file pane at step ${slider().value}`,
      );
      panes.push(paneAt - start);
    }
    return { latencies: out, panes, position: Number(slider().value), inView, missed };
  };

  /**
   * What a key press moves on each page of the side-by-side mode: the selected row, the pane that shows it (drawn
   * after the list on both) and what that pane shows. Rows are compared as elements: both lists key their rows.
   */
  const keyTargets = {
    stepwise: {
      selected: () => document.querySelector('ol[aria-label="Steps"] [aria-selected="true"]'),
      pane: () => document.querySelector('.file-pane[data-position]')?.parentElement,
      shown: panePosition,
    },
    traceViewer: {
      selected: () => document.querySelector('[role="tree"] [role="treeitem"][aria-selected="true"]'),
      pane: () => document.querySelector('.snapshot-switcher'),
      shown: () => document.querySelector('iframe.snapshot-visible')?.contentWindow?.location.href ?? null,
    },
  };
  let keyResult = null;
  /**
   * Times the next trusted key press on page `name` of keyTargets: keydown → the end of the first frame that shows
   * another row selected, and keydown → the pane showing something else, settled (see settled). Await keyDone().
   */
  probe.armKey = (name) => {
    const target = keyTargets[name];
    const before = { selected: target.selected(), shown: target.shown() };
    keyResult = new Promise((resolve, reject) => {
      const onKey = async (event) => {
        if (!event.isTrusted) return;
        window.removeEventListener('keydown', onKey, true);
        const start = event.timeStamp;
        try {
          for (let frames = 0; ; frames++) {
            if (frames === 120) throw new Error('the key did not move the selection');
            await frame();
            const now = target.selected();
            if (now !== null && now !== before.selected) break;
          }
          const selected = await afterPaint();
          const pane = await settled(target.pane(), () => target.shown() !== before.shown, selected, 'the pane');
          resolve({ selection: selected - start, pane: pane - start });
        } catch (error) {
          reject(error);
        }
      };
      window.addEventListener('keydown', onKey, true);
    });
  };
  probe.keyDone = () => keyResult;

  /** Clicks the buttons in `labels` in turn (see measureInputs). */
  probe.clicks = (labels) =>
    measureInputs(
      labels.map((label) => () => {
        const target = button(label);
        return () => target.click();
      }),
    );

  /** Moves the slider to each of `positions` as a drag or a keyboard would: an input event (see measureInputs). */
  probe.slide = (positions) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    return measureInputs(
      positions.map((target) => () => {
        const input = slider();
        return () => {
          setValue.call(input, String(target));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          if (Number(input.value) !== target) throw new Error(`slider at ${input.value}, wanted ${target}`);
        };
      }),
    );
  };

  // Chromium stops downloads that no user gesture started after about ten of them, so the benchmark
  // clicks Download zip with a real (trusted) click; the probe times it from that click's event.
  let zipClickAt = Number.NaN;
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target.closest('button') : null;
      if (target?.textContent.trim() === 'Download zip') zipClickAt = performance.now();
    },
    true,
  );
  let zipPending = null;
  /** Starts waiting for the next zip blob; call before the click, then await zipDone(). */
  probe.armZip = () => {
    zipPending = new Promise((resolve) => zipWaiters.push(resolve)).then((entry) => ({
      ms: entry.at - zipClickAt,
      bytes: entry.size,
    }));
  };
  /** ms from the click on Download zip until the zip blob exists, and its size. */
  probe.zipDone = () => zipPending;

  probe.scroll = async (selector, step, frames) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`nothing matches ${selector}`);
    element.scrollTop = 0;
    await frame();
    const intervals = [];
    let last = await frame();
    for (let i = 0; i < frames && element.scrollTop + element.clientHeight < element.scrollHeight; i++) {
      element.scrollTop += step;
      const now = await frame();
      intervals.push(now - last);
      last = now;
    }
    return { intervals, scrolledTo: element.scrollTop };
  };

  probe.rows = () => ({
    treeItems: document.querySelectorAll('[role="tree"] [role="treeitem"]').length,
    stepItems: document.querySelectorAll('ol[aria-label="Steps"] > li').length,
    position: Number(slider()?.value ?? NaN),
    last: Number(slider()?.max ?? NaN),
  });

  window.__stepwiseProbe = probe;
})();
