import type { GenerateOptions } from './compile/generate.js';

/**
 * What the lease recogniser is compiled with: the rules callers may start
 * from, and the rules whose matches become events for the model. Changing
 * this list means regenerating (`npm run generate`).
 */
export const leaseRecogniserOptions: GenerateOptions = {
  source: 'grammar/dhcpd-leases.ohm',
  entryRules: [
    'LeaseFile',
    'Declaration',
    'LeaseHead',
    'LeaseStatement',
    'IaHead',
    'IaStatement',
    'IaAddrStatement',
  ],
  captureRules: [
    'LeaseDecl',
    'HostDecl',
    'GroupDecl',
    'ClassDecl',
    'SubclassDecl',
    'FailoverDecl',
    'IaDecl',
    'ServerDuidDecl',
    'ByteOrderDecl',
    'leaseAddress',
    'declName',
    'timeKeyword',
    'Date',
    'bindingState',
    'BindingStateStmt',
    'NextBindingStateStmt',
    'RewindBindingStateStmt',
    'HardwareStmt',
    'UidStmt',
    'uidValue',
    'ClientHostnameStmt',
    'failoverState',
    'FailoverStatement_my',
    'FailoverStatement_partner',
    'FailoverStatement_mclt',
    'number',
    'iaKeyword',
    'iaId',
    'iaAddress',
    'DeclItem_deleted',
    'DeclItem_dynamic',
    'IaAddrStatement',
  ],
  maxDepth: 64,
};
