import {describe, expect, it} from 'vitest';
import {
  formatRef,
  orgRef,
  parseRef,
  projectRef,
  refKey,
  refKind,
  refNumericId,
  sameRef,
  serviceAccountRef,
  userRef,
} from '../../source/api/refs.js';

describe('refs', () => {
  it('parses the full, short, prefix-less, legacy and bare forms', () => {
    expect(parseRef('ref:nam:100::iam:service-account:67890')).toMatchObject({
      zone: 'nam',
      org: '100',
      capability: 'iam',
      type: 'service-account',
      id: '67890',
      legacy: false,
    });
    expect(parseRef('ref::::iam:service-account:2263')).toMatchObject({
      zone: '',
      org: '',
      id: '2263',
    });
    expect(parseRef('nam:100::iam:service-account:67890')).toMatchObject({
      zone: 'nam',
      id: '67890',
    });
    expect(parseRef('iam#service-account:2263')).toMatchObject({
      capability: 'iam',
      type: 'service-account',
      id: '2263',
      legacy: true,
    });
    expect(parseRef('iam:user:5')).toMatchObject({type: 'user', id: '5'});
    expect(parseRef('ref:nam:10:project/11:cred:api-key-credential:50')).toMatchObject({
      subScope: 'project/11',
      capability: 'cred',
      type: 'api-key-credential',
      id: '50',
    });
    expect(parseRef('ref:nam:100::iam:membership:578:12345')?.id).toBe('578:12345');
  });

  it('rejects what is not a ref', () => {
    for (const bad of ['', 'hello', 'ref:a:b', 'ref::::iam::5', 'ref:::::user:5', 'iam:user:']) {
      expect(parseRef(bad), bad).toBeUndefined();
    }
  });

  it('compares by kind and id, ignoring zone, org and prefix', () => {
    expect(sameRef('iam#service-account:2263', 'ref:nam:1105::iam:service-account:2263')).toBe(
      true,
    );
    expect(sameRef('nam:100::iam:service-account:1', 'ref::::iam:service-account:1')).toBe(true);
    expect(sameRef('ref::::iam:service-account:1', 'ref::::iam:user:1')).toBe(false);
    expect(sameRef('ref::::iam:user:1', 'ref::::iam:user:12')).toBe(false);
    expect(sameRef('garbage', 'garbage')).toBe(false);
    expect(refKey('ref:nam:::IAM:User:7')).toBe('iam:user:7');
    expect(refKind('iam#user:7')).toBe('iam:user');
    expect(refNumericId('ref::::iam:org:1105')).toBe(1105);
    expect(refNumericId('ref::::iam:client:abc')).toBeUndefined();
  });

  it('builds the forms used in grants and filters', () => {
    expect(serviceAccountRef(2263)).toBe('ref::::iam:service-account:2263');
    expect(userRef(12)).toBe('ref::::iam:user:12');
    expect(orgRef(1105)).toBe('ref::::iam:org:1105');
    expect(projectRef(10, 20)).toBe('ref::10::iam:project:20');
    const built = formatRef({
      zone: 'eu',
      org: '3',
      subScope: '',
      capability: 'iam',
      type: 'group',
      id: '9',
    });
    expect(built).toBe('ref:eu:3::iam:group:9');
    expect(parseRef(built)).toMatchObject({zone: 'eu', org: '3', type: 'group', id: '9'});
  });
});
