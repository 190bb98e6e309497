import { formatIpv6Groups } from '../../model/ipv6.js';
/** inet_ntop(AF_INET6) as glibc prints it (the same spelling dhcpd writes). */
export const formatIpv6 = (groups: readonly number[]): string => formatIpv6Groups(groups);
