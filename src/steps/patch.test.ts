import { describe, expect, it } from 'vitest';
import builtinText from '../scenarios/microservices_ecosystem_steps.txt?raw';
import { replay } from './engine';
import { parseDocument } from './parser';
import { compareSteps, quotePath, unifiedPatch } from './patch';

const builtin = replay(parseDocument(builtinText));
const ROOT = 'microservices_ecosystem';

describe('compareSteps', () => {
  it('lists nothing between a position and itself', () => {
    const same = compareSteps(builtin, 40, 40);
    expect(same.files).toEqual([]);
    expect(same.addedDirectories).toEqual([]);
    expect(unifiedPatch(same)).toBe('');
  });

  it('finds the files added and changed between two steps, with line counts', () => {
    const comparison = compareSteps(builtin, 31, 33);
    expect(comparison.files.map((f) => [f.path, f.status])).toEqual([
      [`${ROOT}/architecture_config.json`, 'modified'],
      [`${ROOT}/services/email_service/email_templates.json`, 'added'],
    ]);
    const arch = comparison.files[0];
    expect(arch.linesAdded).toBeGreaterThan(arch.linesRemoved);
    expect(comparison.files[1]).toMatchObject({ before: '', linesAdded: 1, linesRemoved: 0 });
  });

  it('separates directories a patch implies from empty ones it cannot express', () => {
    const comparison = compareSteps(builtin, 6, 15);
    expect(comparison.addedDirectories).toHaveLength(8);
    expect(comparison.directoriesToCreate).toEqual(
      ['order', 'payment', 'inventory', 'notification', 'analytics', 'auth', 'email'].map(
        (s) => `${ROOT}/services/${s}_service`,
      ),
    );
  });

  it('runs backwards too: later files are removed and emptied directories must be recreated', () => {
    const comparison = compareSteps(builtin, 16, 14);
    expect(comparison.files.map((f) => [f.path, f.status])).toEqual([
      [`${ROOT}/services/user_service/service_config.json`, 'removed'],
      [`${ROOT}/services/user_service/api_definition.yaml`, 'removed'],
    ]);
    expect(comparison.directoriesToCreate).toEqual([`${ROOT}/services/user_service`]);
    const down = compareSteps(builtin, 3, 1);
    expect(down.removedDirectories).toEqual([`${ROOT}/services`, `${ROOT}/api_gateway`]);
    expect(down.directoriesToRemove).toEqual(down.removedDirectories);
  });
});

describe('unifiedPatch', () => {
  it('writes git headers: new files from /dev/null, changed files a/ to b/', () => {
    const patch = unifiedPatch(compareSteps(builtin, 32, 33));
    const lines = patch.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `diff --git a/${ROOT}/architecture_config.json b/${ROOT}/architecture_config.json`,
      `--- a/${ROOT}/architecture_config.json`,
      `+++ b/${ROOT}/architecture_config.json`,
    ]);
    expect(patch).toContain('+  "current_state": "services_configured"');
    const added = unifiedPatch(compareSteps(builtin, 5, 6)).split('\n');
    expect(added.slice(0, 5)).toEqual([
      `diff --git a/${ROOT}/architecture_config.json b/${ROOT}/architecture_config.json`,
      'new file mode 100644',
      '--- /dev/null',
      `+++ b/${ROOT}/architecture_config.json`,
      '@@ -0,0 +1 @@',
    ]);
    expect(added).toContain('\\ No newline at end of file');
  });

  it('writes deleted-file headers going backwards', () => {
    const lines = unifiedPatch(compareSteps(builtin, 6, 5)).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      `diff --git a/${ROOT}/architecture_config.json b/${ROOT}/architecture_config.json`,
      'deleted file mode 100644',
      `--- a/${ROOT}/architecture_config.json`,
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
    ]);
  });
});

describe('quotePath', () => {
  it('leaves plain paths alone and quotes the ones git quotes', () => {
    expect(quotePath('a/b c.json')).toBe('a/b c.json');
    expect(quotePath('a/say "hi"')).toBe('"a/say \\"hi\\""');
    expect(quotePath('a/tab\there')).toBe('"a/tab\\there"');
    expect(quotePath('a/naïve')).toBe('"a/na\\303\\257ve"');
  });
});
