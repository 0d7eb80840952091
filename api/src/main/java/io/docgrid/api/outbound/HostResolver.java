package io.docgrid.api.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses: the system resolver in production; tests substitute names of
 * their own, so that a name resolving to a refused address can be tried without a DNS server.
 */
@FunctionalInterface
public interface HostResolver {

  HostResolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String hostName) throws UnknownHostException;
}
