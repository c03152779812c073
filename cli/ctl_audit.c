/*
 * ctl_audit.c -- cafectl audit verify and audit list.
 */
#include "cli/ctl.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "model/audit.h"

static const struct ctl_cmd audit_cmds[];

static int
cmd_verify(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	struct audit_head head, *expect = NULL;
	struct audit_verify res;
	int ch, r;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'H':
			if (audit_head_parse(optarg, &head) != 0)
				return ctl_usage(&audit_cmds[0], "--head "
				    "takes N:HASH as printed by backup or "
				    "verify");
			expect = &head;
			break;
		default:
			return ctl_usage(&audit_cmds[0], "bad option");
		}
	}
	if (optind != argc)
		return ctl_usage(&audit_cmds[0], "unexpected argument");
	r = audit_verify(c->db, c->keys, expect, &res, NULL, NULL);
	if (r == ERR_TAMPER) {
		printf("broken at row %lld: %s\n", (long long)res.bad_id,
		    res.why);
		return CTL_FAIL;
	}
	if (r != 0)
		return ctl_err(r, "audit verify", NULL);
	printf("ok %lld rows %s\n", (long long)res.rows, res.hash);
	return CTL_OK;
}

static int
cmd_list(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ "user", required_argument, NULL, 'u' },
		{ "action", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct audit_filter f;
	struct audit_entry *v;
	char when[32], detail[512], *end;
	size_t n, i;
	long lim;
	int ch, r;

	memset(&f, 0, sizeof f);
	f.limit = 50;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			lim = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || lim < 1 ||
			    lim > 10000)
				return ctl_usage(&audit_cmds[1], "--limit "
				    "takes 1 to 10000");
			f.limit = (int)lim;
			break;
		case 'u':
			f.actor = optarg;
			break;
		case 'a':
			f.action = optarg;
			break;
		default:
			return ctl_usage(&audit_cmds[1], "bad option");
		}
	}
	if (optind != argc)
		return ctl_usage(&audit_cmds[1], "unexpected argument");
	if ((r = audit_list(&c->ctx, &f, &v, &n)) != 0)
		return ctl_err(r, "audit list", NULL);
	ctl_header(c, "ID\tTIME\tACTOR\tSOURCE\tACTION\tENTITY\tDETAIL");
	for (i = 0; i < n; i++) {
		str_sanitize(detail, sizeof detail, v[i].detail);
		for (end = detail; *end != '\0'; end++)
			if (*end == '\t')
				*end = ' ';
		printf("%lld\t%s%s\t%s\t%s\t%s\t%s%s%s\t%s\n",
		    (long long)v[i].id, ctl_time(c, v[i].at, when, sizeof when),
		    v[i].clock_override ? "*" : "", v[i].actor, v[i].source,
		    v[i].action, v[i].entity, v[i].entity_id[0] != '\0' ?
		    ":" : "", v[i].entity_id, detail);
	}
	audit_entries_free(v, n);
	return CTL_OK;
}

static const struct ctl_cmd audit_cmds[] = {
	{ "audit verify", "[--head N:HASH]", "walk the audit chain; with "
	    "--head also check it still extends that head", CTL_DB,
	    cmd_verify },
	{ "audit list", "[--limit N] [--user U] [--action A]", "show audit "
	    "rows, newest first (A may end in .* for a prefix)", CTL_DB,
	    cmd_list },
};

const struct ctl_group ctl_group_audit = { audit_cmds,
	(int)(sizeof audit_cmds / sizeof audit_cmds[0]) };
