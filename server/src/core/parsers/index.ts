import { auditParser } from './audit';
import { composeParser } from './compose';
import { devcontainerParser } from './devcontainer';
import { dockerfileParser } from './dockerfile';
import { ciParser } from './embedded/ciYaml';
import { makefileParser } from './embedded/makefile';
import { markdownParser } from './embedded/markdown';
import { restructuredTextParser } from './embedded/restructuredText';
import type { SourceParser } from './parser';
import { quadletParser } from './quadlet';
import { quadletVolumeParser } from './quadletVolume';
import { shellParser } from './shell/shell';

/** Every file kind the core reads; a new kind is one parser file and one line here. */
export const parsers: readonly SourceParser[] = [composeParser, devcontainerParser, dockerfileParser, quadletParser, quadletVolumeParser, shellParser, ciParser, makefileParser, markdownParser, restructuredTextParser, auditParser];
