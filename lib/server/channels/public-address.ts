import { BlockList, isIP } from "node:net";

// Which addresses an import feed may be fetched from. A feed URL is typed in by a person and
// fetched by the server, so without this anyone who can add a feed could make the server read
// its own loopback services, the private network or the cloud metadata endpoint (SSRF).

const refused = new BlockList();
// IPv4: "this network", private, CGNAT, loopback, link-local (cloud metadata), test nets,
// benchmarking, multicast and reserved.
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  refused.addSubnet(net, prefix, "ipv4");
}
// IPv6: unspecified, loopback, NAT64 / discard / documentation prefixes, unique-local, link-local, multicast.
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  refused.addSubnet(net, prefix, "ipv6");
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const m = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/**
 * Whether a resolved address may be fetched. `allowLoopback` admits 127/8 and ::1 only (tests and
 * local development serve fixtures there); private and link-local ranges are never allowed.
 */
export function isAllowedAddress(address: string, options: { allowLoopback?: boolean } = {}): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const [addr, type] = v4 ? [v4, "ipv4" as const] : [address, "ipv6" as const];
  if (options.allowLoopback && loopback.check(addr, type)) return true;
  return !refused.check(addr, type);
}
