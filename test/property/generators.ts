// Generated compose files and shell scripts for the property tests: the shapes real files take
// (mounts, options, quoting, variables, anchors, continuations), in any mix, with CRLF, a BOM and
// non-ASCII (astral) characters, and now and then a character that breaks the syntax.
import fc from 'fast-check';

/** Characters path segments are made of, the awkward ones over-represented. */
const pathChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'x', '1', '-', '_', '.') },
  { weight: 2, arbitrary: fc.constantFrom('é', '中', '🚀', '𝔘', '\u{1F600}') },
  { weight: 1, arbitrary: fc.constantFrom(' ', "'", '"', '\\', '$', '{', '}', '#', ':', ',', '=', '*', '&', '\t', '(', ')', ';', '`') },
);
const segment = fc.array(pathChar, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
const variable = fc.constantFrom('$PWD', '${PWD}', '$HOME', '${HOME}', '${DATA:-./data}', '$(pwd)', '${{ github.workspace }}', '%h');

/** A host side of a mount: relative, absolute, home, variable, named volume, or a system path. */
export const hostPath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('./data', '/srv/app', '~/cache', '.', '..', '/', '/home', '/etc', '/var/run/docker.sock', '/tmp', 'named', 'pgdata', '~/.ssh'),
  fc.tuple(fc.constantFrom('./', '/', '~/', '../', ''), fc.array(segment, { minLength: 1, maxLength: 3 })).map(([p, s]) => p + s.join('/')),
  fc.tuple(variable, fc.array(segment, { maxLength: 2 })).map(([v, s]) => [v, ...s].join('/')),
);
export const containerPath = fc.oneof(fc.constantFrom('/data', '/app', '/var/lib/postgresql/data', '/src'), segment.map((s) => `/${s}`));
const options = fc.constantFrom('', ':ro', ':rw', ':z', ':Z', ':ro,z', ':Z,ro', ':cached', ':ro,U', ':delegated', ':O', ':z,Z', ':rw,shared', ':', ':ro,', ':zz');
export const shortVolume = fc.tuple(hostPath, containerPath, options).map(([h, c, o]) => `${h}:${c}${o}`);

/** The text with LF or CRLF line ends, with or without a BOM. */
export const dressed = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(text, fc.boolean(), fc.boolean()).map(([t, crlf, bom]) => (bom ? '\uFEFF' : '') + (crlf ? t.replace(/\n/g, '\r\n') : t));

const yamlQuoted = (value: string, style: number): string =>
  style === 1 ? `'${value.replace(/'/g, "''")}'` : style === 2 ? JSON.stringify(value) : style === 3 ? `"${value}"` : value;

const composeItem = fc.oneof(
  // Short syntax, in any quoting (style 3: double quotes without escaping, sometimes broken).
  fc.tuple(shortVolume, fc.nat(3)).map(([v, q]) => `      - ${yamlQuoted(v, q)}`),
  // Long syntax.
  fc
    .tuple(hostPath, containerPath, fc.nat(2), fc.boolean(), fc.constantFrom('', 'z', 'Z', 'private'), fc.constantFrom('bind', 'volume'))
    .map(([h, c, q, ro, selinux, type]) =>
      [
        `      - type: ${type}`,
        `        source: ${yamlQuoted(h, q)}`,
        `        target: ${c}`,
        ...(ro ? ['        read_only: true'] : []),
        ...(selinux ? ['        bind:', `          selinux: ${selinux}`] : []),
      ].join('\n'),
    ),
  fc.constant('      - *shared'),
  fc.constant('      # - ./commented:/out'),
);

const service = fc
  .tuple(
    fc.constantFrom('app', 'db', 'web', 'wörker', '🚀'),
    fc.array(composeItem, { minLength: 1, maxLength: 4 }),
    fc.boolean(),
    fc.constantFrom('', '    security_opt:\n      - label=disable\n', '    privileged: true\n', '    <<: *common\n'),
    fc.option(fc.array(shortVolume, { maxLength: 3 }), { nil: undefined }),
  )
  .map(([name, items, block, extra, flow]) =>
    flow !== undefined && !block
      ? `  ${name}:\n    image: img:1\n${extra}    volumes: [${flow.map((v) => JSON.stringify(v)).join(', ')}]\n`
      : `  ${name}:\n    image: img:1\n${extra}    volumes:\n${items.join('\n')}\n`,
  );

/** A compose file: anchors and merge keys first, then services. */
export const composeFile: fc.Arbitrary<string> = dressed(
  fc
    .tuple(fc.boolean(), fc.uniqueArray(service, { minLength: 1, maxLength: 3, selector: (s) => s.split(':')[0] }), fc.option(fc.constantFrom('\n  broken: [', '\nvolumes:\n  data: {}\n', '# trailing 🚀 comment\n')))
    .map(
      ([anchors, services, tail]) =>
        (anchors ? 'x-shared: &shared ./shared:/shared\nx-common: &common\n  volumes:\n    - ./common:/common\n' : '') + `services:\n${services.join('')}${tail ?? ''}`,
    ),
);

const shellQuoted = (value: string, style: number): string =>
  style === 1 ? `'${value.replace(/'/g, `'\\''`)}'` : style === 2 ? `"${value.replace(/(["\\$`])/g, '\\$1')}"` : style === 3 ? `"${value}"` : value;

const mountFlag = fc.oneof(
  fc.tuple(fc.constantFrom('-v ', '--volume ', '--volume=', '-v='), shortVolume, fc.nat(3)).map(([f, v, q]) => f + shellQuoted(v, q)),
  // Part-quoted, as in -v "$PWD":/src.
  fc.tuple(fc.constantFrom('"$PWD"', '"${HOME}/x"', "'./a b'"), containerPath, options).map(([h, c, o]) => `-v ${h}:${c}${o}`),
  fc
    .tuple(hostPath, containerPath, fc.constantFrom('', ',readonly', ',relabel=private', ',relabel=shared', ',ro=true'), fc.nat(2))
    .map(([h, c, o, q]) => `--mount ${shellQuoted(`type=bind,source=${h},target=${c}${o}`, q)}`),
);
const otherFlag = fc.constantFrom('--rm', '-it', '-d', '-e A=B', '--name x', '--security-opt label=disable', '-p 8080:80', '--privileged', '-w /src');

const runCommand = fc
  .tuple(
    fc.constantFrom('docker', 'podman', 'sudo docker', 'nerdctl', 'docker container'),
    fc.constantFrom('run', 'create'),
    fc.array(fc.oneof(mountFlag, otherFlag), { minLength: 1, maxLength: 5 }),
    fc.constantFrom('alpine', 'node:22', '"$IMAGE"'),
    fc.constantFrom('', ' sh -c "make -C /src"', ' ls /data', " echo '🚀'"),
    fc.boolean(),
  )
  .map(([engine, verb, flags, image, args, continued]) => [`${engine} ${verb}`, ...flags, image + args].join(continued ? ' \\\n  ' : ' '));

const shellLine = fc.oneof(
  { weight: 4, arbitrary: runCommand },
  { weight: 1, arbitrary: runCommand.map((c) => `if true; then\n  ${c}\nfi`) },
  { weight: 1, arbitrary: fc.tuple(runCommand, runCommand).map(([a, b]) => `${a} && ${b}`) },
  { weight: 1, arbitrary: mountFlag.map((f) => `args=(${f})\ndocker run "\${args[@]}" alpine`) },
  { weight: 1, arbitrary: fc.constantFrom('set -euo pipefail', '# docker run -v ./x:/x alpine', 'DATA=./data', 'echo "done 🚀"', 'cat <<EOF\ndocker run -v ./h:/h alpine\nEOF', 'docker run -v "unterminated') },
);

/** A shell script of a few commands. */
export const shellScript: fc.Arbitrary<string> = dressed(
  fc.tuple(fc.boolean(), fc.array(shellLine, { minLength: 1, maxLength: 5 })).map(([shebang, lines]) => (shebang ? '#!/bin/bash\n' : '') + lines.join('\n') + '\n'),
);
