import type {Capability, ZoneState} from './state.js';

/**
 * Capabilities (API.md §12.5). Every org holds `iam`; the demo orgs lack some of the others, so
 * the roles of those capabilities cannot be granted there. [I] §12.5 suggests GET /roles might
 * hide such roles; the emulator lists the whole catalogue (each role names its capability) and
 * refuses the grant with 400, so a client can show the role and say why it is out of reach.
 */
export const ALL_CAPABILITIES = [
  'iam',
  'cm',
  'di',
  'fss',
  'optima',
  'policy',
  'sbom',
  'sdl',
  'ss',
  'technopedia',
  'uom',
  'vendor',
  'vis',
] as const;

const DESCRIPTIONS: Record<string, string> = {
  iam: 'Identity and access management',
  cm: 'Cloud management',
  di: 'Data integration',
  fss: 'Flexera software services',
  optima: 'Cloud cost optimization',
  policy: 'Automation and policies',
  sbom: 'Software bill of materials',
  sdl: 'Software data library',
  ss: 'Self-service',
  technopedia: 'Technopedia',
  uom: 'Unified object model reports',
  vendor: 'Vendor workspace',
  vis: 'Visualization',
};

export function grantCapabilities(
  state: ZoneState,
  orgId: number,
  names: readonly string[],
  createdAt: string,
): void {
  const list: Capability[] = [...new Set(['iam', ...names])].map((name) => ({
    name,
    createdAt,
    updatedAt: createdAt,
    description: DESCRIPTIONS[name] ?? name,
    onboardingStatus: 'completed',
  }));
  state.capabilities.set(orgId, list);
}

/** Every capability but `lacking`. */
export function allBut(...lacking: string[]): string[] {
  return ALL_CAPABILITIES.filter((name) => !lacking.includes(name));
}

export function capabilityView(orgId: number, capability: Capability, index: boolean) {
  const base = {
    capabilityName: capability.name,
    kind: 'iam#capability',
    orgId,
    createdAt: capability.createdAt,
    updatedAt: capability.updatedAt,
  };
  if (index) return base;
  return {
    ...base,
    ...(capability.description ? {description: capability.description} : {}),
    ...(capability.onboardingStatus ? {onboardingStatus: capability.onboardingStatus} : {}),
  };
}
