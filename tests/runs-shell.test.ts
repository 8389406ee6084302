import { describe, expect, it } from 'vitest';
import { parseRunText } from '../src/steps/runs/parseRun';
import { actualEntries, replayRun } from '../src/steps/runs/replayRun';
import { parseShell } from '../src/steps/runs/shellParse';

/** Replays shell commands (one operation each) from an empty tree at "/"; returns what each did and the final tree. */
function shell(...commands: string[]) {
  const text = commands.map((command) => JSON.stringify({ op: 'shell', command })).join('\n');
  const replay = replayRun(parseRunText('shell.jsonl', text, 'stepwise-ops')[0], new Set());
  const tree = Object.fromEntries(
    actualEntries(replay, commands.length).map((e) => [e.path, e.kind === 'file' ? e.content : '/']),
  );
  return { outcomes: replay.outcomes, tree };
}

/** Why the command is not replayed (parse or interpretation), or null when it is. */
function refusal(command: string): string | null {
  const outcome = shell(command).outcomes[0];
  return outcome.status === 'not-replayed' ? (outcome.reason ?? '') : null;
}

describe('shell: here-documents', () => {
  it('writes a quoted heredoc literally, $ and backslashes included', () => {
    const { tree } = shell("cat > a.txt <<'EOF'\nprice: $5 \\n\n  indented\nEOF");
    expect(tree['a.txt']).toBe('price: $5 \\n\n  indented\n');
  });

  it('takes <<EOF bodies with nothing to expand, >> appends, <<- strips leading tabs', () => {
    const { tree } = shell(
      'cat <<EOF > a.txt\none\nEOF',
      'cat >> a.txt <<"END"\ntwo\nEND',
      'cat > b.txt <<-EOF\n\t\tthree\n\tEOF',
    );
    expect(tree['a.txt']).toBe('one\ntwo\n');
    expect(tree['b.txt']).toBe('three\n');
  });

  it('runs what follows the heredoc, and an empty body is an empty file', () => {
    const { tree } = shell("mkdir d && cat > d/x.json <<'EOF'\n{}\nEOF\ncat > d/empty <<'EOF'\nEOF\nmkdir e");
    expect(tree).toEqual({ d: '/', 'd/x.json': '{}\n', 'd/empty': '', e: '/' });
  });

  it('does not replay a heredoc the shell would expand, or one that never ends', () => {
    expect(refusal('cat > a <<EOF\n$HOME\nEOF')).toMatch(/here-document with \$/);
    expect(refusal("cat > a <<'EOF'\nno end")).toBe('a here-document without its closing "EOF" line');
    expect(refusal('cat <<< "x" > a')).toBe('a here-string (<<<)');
  });
});

describe('shell: the interpreted subset', () => {
  it('mkdir, -p, touch, echo, printf, cp, mv, rm', () => {
    const { tree, outcomes } = shell(
      'mkdir -p a/b/c && touch a/t && echo "hello  world" > a/e && echo -n x >> a/e',
      "printf '%s=%d\\n' port 8080 host 1 > a/p; cp a/e a/b/e2 && cp -r a/b a/copy",
      'mv a/t a/b/c && rm a/b/e2 && rm -rf a/copy && rm -f a/nothing',
    );
    expect(tree).toEqual({
      a: '/',
      'a/b': '/',
      'a/b/c': '/',
      'a/e': 'hello  world\nx',
      'a/p': 'port=8080\nhost=1\n',
      'a/b/c/t': '',
    });
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('follows && / || / ; after a failing command, and notes the failure', () => {
    const { tree, outcomes } = shell('mkdir a; mkdir a && mkdir b; mkdir a || mkdir c');
    expect(tree).toEqual({ a: '/', c: '/' });
    expect(outcomes[0].reason).toBe('a: already exists; a: already exists');
  });

  it('keeps cd for the rest of the command and, in a kept session, for the next', () => {
    const { tree } = shell('mkdir -p w/x && cd w', 'mkdir y && cd ../w/x && touch z');
    expect(Object.keys(tree)).toEqual(['w', 'w/x', 'w/y', 'w/x/z']);
  });

  it('does not let a shell redirection create missing folders', () => {
    const { tree, outcomes } = shell('echo hi > no/such/file');
    expect(tree).toEqual({});
    expect(outcomes[0]).toMatchObject({ status: 'applied', reason: 'no/such: no such directory', changed: [] });
  });

  it('drops stderr redirections and takes read-only commands and pipes as doing nothing', () => {
    const { tree, outcomes } = shell(
      'ls -la 2>/dev/null | grep x | wc -l; cat a 2>&1; find . -name "*.json" > /dev/null; mkdir d 2> /dev/null',
    );
    expect(tree).toEqual({ d: '/' });
    expect(outcomes[0].status).toBe('applied');
  });

  it.each([
    ['for i in a b; do mkdir $i; done', 'a variable or command substitution ($)'],
    ['mkdir {a,b}', 'a brace expansion ({a,b})'],
    ['rm *.json', 'a wildcard (*, ?, […])'],
    ['echo "$(date)" > f', 'a variable or command substitution inside double quotes'],
    ['echo `date` > f', 'a command substitution (`…`)'],
    ['mkdir ~/x', 'a home-folder path (~)'],
    ['python -c \'open("f","w")\'', 'python is not a command the replay interprets'],
    ["sed -i 's/a/b/' f", 'sed is not a command the replay interprets'],
    ['ls > listing.txt', "ls's output written to a file"],
    ['echo a | tee f', 'a pipe into a command or a file that changes something'],
    ['X=1 mkdir a', 'a variable assignment'],
    ['(mkdir a)', 'the shell operator "("'],
    ['mkdir a &', 'the shell operator "&"'],
    ['echo x 3> f', 'a redirection of a numbered stream (2>, &>, >&) to a file'],
    ['find . -delete', 'find with an action that changes files or runs commands'],
    ['mkdir -m 700 a', 'mkdir -m'],
    ["echo 'unterminated", 'an unterminated single quote'],
    ['mkdir a &&', 'the command ends with an operator (&&, || or |)'],
  ])('does not replay %s', (command, reason) => {
    expect(refusal(command)).toBe(reason);
  });

  it('does not replay any of a command when one part is outside the subset', () => {
    const { tree } = shell('mkdir a && python setup.py && mkdir b');
    expect(tree).toEqual({});
  });

  it('leaves $ inside single quotes and # inside words alone, and skips comments', () => {
    const { tree } = shell('echo \'{"cost": "$5"}\' > p#1.json # a comment with $HOME');
    expect(tree).toEqual({ 'p#1.json': '{"cost": "$5"}\n' });
  });

  it('takes a backslash-newline as a line continuation', () => {
    expect(shell('mkdir \\\n  a').tree).toEqual({ a: '/' });
  });
});

describe('parseShell', () => {
  it('splits pipelines by && || ; | and newlines and attaches heredocs to their command', () => {
    const parsed = parseShell("a 1 && b | c\nd <<'E' > f || e\nbody\nE");
    expect(parsed).toEqual({
      ok: true,
      pipelines: [
        { connector: ';', commands: [{ argv: ['a', '1'], redirects: [] }] },
        {
          connector: '&&',
          commands: [
            { argv: ['b'], redirects: [] },
            { argv: ['c'], redirects: [] },
          ],
        },
        { connector: ';', commands: [{ argv: ['d'], redirects: [{ op: '>', target: 'f' }], heredoc: 'body\n' }] },
        { connector: '||', commands: [{ argv: ['e'], redirects: [] }] },
      ],
    });
  });
});
