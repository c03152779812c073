/*
 * cafed.c -- the cafed entry point: the SSH server in the foreground,
 * `cafed -t` to check the configuration, `cafed tui` on the console.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/keys.h"
#include "sshd/config.h"
#include "sshd/hostkey.h"
#include "sshd/listener.h"
#include "sshd/local.h"

#define MAX_OVERRIDES	16

struct args {
	const char	*config;
	int		 test;		/* -t: check and exit */
	int		 print;		/* -T: print the configuration */
	int		 tui;
	const char	*keys[MAX_OVERRIDES];
	const char	*values[MAX_OVERRIDES];
	int		 n;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: cafed [-tT] [--config FILE] [--db PATH] "
	    "[--key PATH] [--listen ADDR]\n             [--port N] "
	    "[--host-key PATH] [tui]\nSee cafed(8) and cafed.conf(5).\n");
}

/* Parse argv into a; 0, or the exit code to leave with. */
static int
parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "key", required_argument, NULL, 'k' },
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "host-key", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const names[] = {
		['d'] = "db", ['k'] = "key", ['l'] = "listen",
		['p'] = "port", ['H'] = "host_key"
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "tTh", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			a->test = 1;
			break;
		case 'T':
			a->print = 1;
			break;
		case 'f':
			a->config = optarg;
			break;
		case 'd': case 'k': case 'l': case 'p': case 'H':
			if (a->n == MAX_OVERRIDES)
				return 2;
			a->keys[a->n] = names[ch];
			a->values[a->n++] = optarg;
			break;
		case 'h':
			usage(stdout);
			return 3;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc && strcmp(argv[optind], "tui") == 0) {
		a->tui = 1;
		optind++;
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	return 0;
}

/* The configuration: the file, then the command line on top. */
static struct sshd_config *
load_config(const struct args *a)
{
	struct sshd_config *cfg = sshd_config_new();
	char err[512];
	int i;

	if (a->config != NULL &&
	    sshd_config_load(cfg, a->config, err, sizeof err) != 0)
		goto fail;
	for (i = 0; i < a->n; i++) {
		if (sshd_config_set(cfg, a->keys[i], a->values[i], err,
		    sizeof err) != 0) {
			fprintf(stderr, "cafed: command line: %s\n", err);
			sshd_config_free(cfg);
			return NULL;
		}
	}
	if (sshd_config_finish(cfg, err, sizeof err) != 0)
		goto fail;
	return cfg;
fail:
	fprintf(stderr, "cafed: %s\n", err);
	sshd_config_free(cfg);
	return NULL;
}

/* The server key and the database must be usable before we serve. */
static int
check_files(const struct sshd_config *cfg, struct keys **keys)
{
	struct db *db;
	int r;

	if ((r = keys_load(cfg->key_path, keys)) != 0) {
		fprintf(stderr, "cafed: %s: %s%s\n", cfg->key_path, err_str(r),
		    r == ERR_NOTFOUND ? " (run 'cafectl init')" : "");
		return -1;
	}
	if ((r = db_open(cfg->db_path, 0, &db)) != 0) {
		fprintf(stderr, "cafed: %s: %s\n", cfg->db_path, err_str(r));
		return -1;
	}
	db_close(db);
	return 0;
}

/* Load or make the host key, and say which it is. */
static int
host_key(const struct sshd_config *cfg, int create, ssh_key *key)
{
	char why[512], fp[SSHD_FP_MAX];
	int created, r;

	r = sshd_hostkey_load(cfg->host_key_path, create, key, &created, why,
	    sizeof why);
	if (r == ERR_NOTFOUND && !create)
		return 0;
	if (r != 0) {
		fprintf(stderr, "cafed: %s\n", why);
		return -1;
	}
	if (sshd_hostkey_fingerprint(*key, fp, sizeof fp) == 0 && create)
		log_event(LOG_LVL_NOTICE, "hostkey", "path=%s fingerprint=%s%s",
		    cfg->host_key_path, fp, created ? " created=1" : "");
	return 0;
}

int
main(int argc, char **argv)
{
	struct sshd_config *cfg;
	struct keys *keys = NULL;
	struct args a;
	ssh_key hk = NULL;
	int r;

	memset(&a, 0, sizeof a);
	if ((r = parse_args(argc, argv, &a)) != 0)
		return r == 3 ? 0 : r;
	if ((cfg = load_config(&a)) == NULL)
		return 1;
	log_set_level(cfg->log_level);
	if (a.print)
		sshd_config_print(cfg, stdout);
	if (check_files(cfg, &keys) != 0 ||
	    host_key(cfg, !a.test && !a.print && !a.tui, &hk) != 0) {
		r = 1;
	} else if (a.test || a.print) {
		r = 0;
	} else if (a.tui) {
		r = sshd_local_run(cfg, keys);
	} else {
		log_event(LOG_LVL_NOTICE, "start", "db=%s", cfg->db_path);
		r = sshd_listener_run(cfg, keys, hk);
		hk = NULL;	/* the listener took it */
	}
	ssh_key_free(hk);
	keys_free(keys);
	sshd_config_free(cfg);
	return r;
}
