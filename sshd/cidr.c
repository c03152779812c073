/*
 * cidr.c -- CIDR allow-lists and the forms of a source address.
 */
#include "sshd/cidr.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"

/* Parse "ADDR[/BITS]" into c. Returns 0 or ERR_INVALID. */
static int
cidr_parse_one(const char *s, struct sshd_cidr *c)
{
	char buf[80], *slash, *end;
	long bits;
	int max;

	if (str_lcpy(buf, s, sizeof buf) >= sizeof buf)
		return ERR_INVALID;
	memset(c, 0, sizeof *c);
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	if (inet_pton(AF_INET, buf, c->addr) == 1) {
		c->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, c->addr) == 1) {
		c->family = AF_INET6;
		max = 128;
	} else
		return ERR_INVALID;
	c->bits = max;
	if (slash != NULL) {
		if (!isdigit((unsigned char)*slash))
			return ERR_INVALID;
		bits = strtol(slash, &end, 10);
		if (*end != '\0' || bits < 0 || bits > max)
			return ERR_INVALID;
		c->bits = (int)bits;
	}
	return 0;
}

int
sshd_cidr_parse_list(const char *s, struct sshd_cidr **out, size_t *n,
    char *why, size_t whysize)
{
	struct sshd_cidr *v = NULL;
	char *copy = xstrdup(s), *p = copy, *tok;
	size_t len = 0;

	while ((tok = strsep(&p, ",")) != NULL) {
		str_trim(tok);
		if (*tok == '\0')
			continue;
		v = xreallocarray(v, len + 1, sizeof *v);
		if (cidr_parse_one(tok, &v[len]) != 0) {
			snprintf(why, whysize, "'%s' is not an address or "
			    "ADDRESS/BITS network", tok);
			free(v);
			free(copy);
			return ERR_INVALID;
		}
		len++;
	}
	free(copy);
	if (len == 0) {
		snprintf(why, whysize, "an empty list");
		return ERR_INVALID;
	}
	*out = v;
	*n = len;
	return 0;
}

/* 1 when the first bits bits of a and b agree. */
static int
cidr_prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;
	unsigned char mask;

	if (memcmp(a, b, (size_t)whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (unsigned char)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

int
sshd_cidr_match(const struct sshd_cidr *list, size_t n, const char *addr)
{
	unsigned char a4[4], a6[16];
	int is4, is6;
	size_t i;

	is4 = inet_pton(AF_INET, addr, a4) == 1;
	is6 = !is4 && inet_pton(AF_INET6, addr, a6) == 1;
	if (is6 && IN6_IS_ADDR_V4MAPPED((struct in6_addr *)(void *)a6)) {
		memcpy(a4, a6 + 12, 4);
		is4 = 1;
		is6 = 0;
	}
	for (i = 0; i < n; i++) {
		if (is4 && list[i].family == AF_INET &&
		    cidr_prefix_eq(list[i].addr, a4, list[i].bits))
			return 1;
		if (is6 && list[i].family == AF_INET6 &&
		    cidr_prefix_eq(list[i].addr, a6, list[i].bits))
			return 1;
	}
	return 0;
}

char *
sshd_cidr_addr_str(const struct sockaddr *sa, char *buf)
{
	const struct sockaddr_in6 *s6;
	const struct sockaddr_in *s4;

	str_lcpy(buf, "?", SSHD_ADDR_MAX);
	if (sa->sa_family == AF_INET) {
		s4 = (const struct sockaddr_in *)(const void *)sa;
		inet_ntop(AF_INET, &s4->sin_addr, buf, SSHD_ADDR_MAX);
	} else if (sa->sa_family == AF_INET6) {
		s6 = (const struct sockaddr_in6 *)(const void *)sa;
		if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
			inet_ntop(AF_INET, s6->sin6_addr.s6_addr + 12, buf,
			    SSHD_ADDR_MAX);
		else
			inet_ntop(AF_INET6, &s6->sin6_addr, buf,
			    SSHD_ADDR_MAX);
	}
	return buf;
}

char *
sshd_cidr_throttle_key(const char *addr, char *out, size_t size)
{
	unsigned char a6[16];
	char buf[INET6_ADDRSTRLEN];

	if (strchr(addr, ':') == NULL ||
	    inet_pton(AF_INET6, addr, a6) != 1) {
		str_lcpy(out, addr, size);
		return out;
	}
	memset(a6 + 8, 0, 8);
	inet_ntop(AF_INET6, a6, buf, sizeof buf);
	snprintf(out, size, "%s/64", buf);
	return out;
}
