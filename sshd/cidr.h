/*
 * cidr.h -- source addresses: CIDR allow-lists (IPv4 and IPv6) and the
 * form an address takes in logs and throttle counters.
 */
#ifndef CAFED_SSHD_CIDR_H
#define CAFED_SSHD_CIDR_H

#include <stddef.h>

struct sockaddr;

#define SSHD_ADDR_MAX	64

struct sshd_cidr {
	int		family;		/* AF_INET or AF_INET6 */
	unsigned char	addr[16];
	int		bits;
};

/*
 * Parse a list like "127.0.0.0/8, ::1/128, 10.1.2.3" (a bare address is
 * a host). *out (caller frees) gets *n entries. Returns 0, or
 * ERR_INVALID with why (whysize bytes) naming the bad entry.
 */
int	sshd_cidr_parse_list(const char *s, struct sshd_cidr **out,
	    size_t *n, char *why, size_t whysize);

/* 1 when the numeric address addr is inside one of the n entries. */
int	sshd_cidr_match(const struct sshd_cidr *list, size_t n,
	    const char *addr);

/*
 * The numeric form of sa into buf (SSHD_ADDR_MAX bytes): IPv4-mapped
 * IPv6 addresses as plain IPv4. Returns buf.
 */
char	*sshd_cidr_addr_str(const struct sockaddr *sa, char *buf);

/*
 * The throttle counter key of addr: the address itself for IPv4, its
 * /64 network for IPv6 (one host usually owns a whole /64). Returns out.
 */
char	*sshd_cidr_throttle_key(const char *addr, char *out, size_t size);

#endif
