import { composeParser } from './compose';
import { dockerfileParser } from './dockerfile';
import type { SourceParser } from './parser';
import { quadletParser } from './quadlet';
import { shellParser } from './shell/shell';

/** Every file kind the core reads; a new kind is one parser file and one line here. */
export const parsers: readonly SourceParser[] = [composeParser, dockerfileParser, quadletParser, shellParser];
