import { composeParser } from './compose';
import type { SourceParser } from './parser';
import { quadletParser } from './quadlet';

/** Every file kind the core reads; a new kind is one parser file and one line here. */
export const parsers: readonly SourceParser[] = [composeParser, quadletParser];
