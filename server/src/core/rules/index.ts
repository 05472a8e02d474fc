import { conflictingRelabel } from './conflicting-relabel';
import { containerDenial } from './container-denial';
import { missingRelabel } from './missing-relabel';
import { oldLibselinuxImage } from './old-libselinux-image';
import { privateLabelShared } from './private-label-shared';
import { relabelIgnored } from './relabel-ignored';
import { relabelLabelDisabled } from './relabel-label-disabled';
import { relabelSystemPath } from './relabel-system-path';
import type { Rule } from './rule';
import { selinuxToolInBuild } from './selinux-tool-in-build';
import { systemPathMount } from './system-path-mount';

/** Every rule, sorted by id; a new rule is one file and one line here. */
export const rules: readonly Rule[] = [
  conflictingRelabel,
  containerDenial,
  missingRelabel,
  oldLibselinuxImage,
  privateLabelShared,
  relabelIgnored,
  relabelLabelDisabled,
  relabelSystemPath,
  selinuxToolInBuild,
  systemPathMount,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
