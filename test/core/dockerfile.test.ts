import assert from 'node:assert/strict';
import { analyze, applyEdits, defaultSettings, parseFile, type Settings } from '../../server/src/core';

const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);
const settings = (buildEngine: Settings['buildEngine']): Settings => ({ ...defaultSettings, buildEngine });

describe('Dockerfiles and Containerfiles', () => {
  for (const name of ['Dockerfile', 'Containerfile', 'Dockerfile.dev', 'Containerfile5', 'Dockerfile3', 'app.dockerfile', 'app.Dockerfile', 'web.containerfile']) {
    it(`by name: ${name}`, () => assert.equal(parseFile('FROM x\n', { fileName: name })?.kind, 'dockerfile'));
  }

  it('RUN --mount kinds: context binds (default type), cache, from=, named sources', () => {
    const text = [
      'FROM alpine',
      'RUN --mount=target=/src \\',
      '    --mount=type=bind,source=conf,target=/etc/app,z \\',
      '    --mount=type=cache,target=/root/.cache \\',
      '    --mount=type=bind,from=builder,source=/out,target=/out \\',
      '    --mount=type=secret,id=token \\',
      '    make',
      '',
    ].join('\n');
    const [run] = parseFile(text, { fileName: 'Containerfile' })!.runs;
    assert.deepEqual(run.mounts.map((m) => [m.kind, m.source?.path, m.target?.text, m.relabels.map((r) => r.word).join()]), [
      ['host', '.', '/src', ''],
      ['host', './conf', '/etc/app', 'z'],
    ]);
    assert.equal(run.engine, 'buildah');
  });

  it('Containerfile: the fix adds relabel=shared (build mounts prefer z)', () => {
    const text = 'FROM alpine\nRUN --mount=type=bind,source=.,target=/src make\n';
    const [f] = analyze(text, { fileName: 'Containerfile' }).findings;
    assert.equal(f.ruleId, 'missing-relabel');
    assert.equal(f.messageId, 'missingBuild');
    assert.equal(slice(text, f.span), '.');
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal(fixed, 'FROM alpine\nRUN --mount=type=bind,source=.,target=/src,relabel=shared make\n');
    assert.deepEqual(analyze(fixed, { fileName: 'Containerfile' }).findings, []);
  });

  it('Dockerfile (either engine): the finding explains, no edit', () => {
    const text = 'FROM alpine\nRUN --mount=target=. make\n';
    const [f] = analyze(text, { fileName: 'Dockerfile' }).findings;
    assert.equal(f.messageId, 'missingBuild');
    assert.deepEqual(f.fixes.map((x) => x.suppression ?? false), [true]);
    const podman = analyze(text, { fileName: 'Dockerfile', settings: settings('podman') }).findings[0];
    assert.equal(podman.fixes[0].title, 'Add relabel=shared (shared label, every container)');
  });

  it('BuildKit rejects z', () => {
    const text = 'FROM alpine\nRUN --mount=type=bind,source=.,target=/src,z make\n';
    const findings = analyze(text, { fileName: 'Dockerfile', settings: settings('docker') }).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.messageId]), [['conflicting-relabel', 'rejected']]);
    assert.equal(applyEdits(text, findings[0].fixes[0].edits), 'FROM alpine\nRUN --mount=type=bind,source=.,target=/src make\n');
    assert.deepEqual(analyze(text, { fileName: 'Dockerfile' }).findings, []);
  });

  it('docker run inside a RUN body and in LABEL RUN=', () => {
    const text = 'FROM fedora\nRUN dnf -y install podman && \\\n    podman run -v /srv/data:/data img true\nLABEL RUN="docker run -d -v /var/lib/app:/data IMAGE" VERSION=1\n';
    const findings = analyze(text, { fileName: 'Containerfile' }).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, slice(text, f.span)]), [
      ['missing-relabel', '/srv/data'],
      ['missing-relabel', '/var/lib/app'],
    ]);
    assert.equal(applyEdits(text, findings[1].fixes[0].edits), text.replace('/var/lib/app:/data', '/var/lib/app:/data:Z'));
  });

  it('# escape=` continuations', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows\nRUN docker run `\n    -v /srv/a:/b img\n';
    assert.deepEqual(analyze(text, { fileName: 'Dockerfile' }).findings.map((f) => slice(text, f.span)), ['/srv/a']);
  });

  it('an absolute RUN --mount source is a path inside the build context', () => {
    const text = 'FROM alpine\nRUN --mount=type=bind,source=/etc,target=/x make\n';
    const [f] = analyze(text, { fileName: 'Containerfile' }).findings;
    assert.equal(f.ruleId, 'missing-relabel');
    assert.equal(f.mount?.source?.path, './etc');
  });

  it('VOLUME, COPY --from and comments are not binds', () => {
    const text = 'FROM alpine\n# RUN --mount=target=. make\n# docker run -v /srv/a:/b img\nVOLUME /data\nCOPY --from=build /out /out\n';
    assert.deepEqual(analyze(text, { fileName: 'Dockerfile' }).findings, []);
  });
});

describe('Dockerfile heredocs', () => {
  it('RUN <<EOF bodies are scripts', () => {
    const text = 'FROM fedora\nRUN <<EOF\nset -e\npodman run -v /srv/data:/data img true\nEOF\nRUN echo done\n';
    const [f] = analyze(text, { fileName: 'Containerfile' }).findings;
    assert.equal(text.slice(f.span.start, f.span.end), '/srv/data');
    assert.equal(applyEdits(text, f.fixes[0].edits), text.replace('/srv/data:/data', '/srv/data:/data:Z'));
  });
});
