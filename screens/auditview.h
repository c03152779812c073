/*
 * auditview.h -- one audit event in full, and the chain verification
 * with its progress, for the audit screen.
 */
#ifndef CAFED_SCREENS_AUDITVIEW_H
#define CAFED_SCREENS_AUDITVIEW_H

#include "tui/tui.h"

struct audit_entry;
struct scr_app;

/* Every field of e in a pager: times (local, UTC, real), hash. */
void	scr_auditview_detail(struct tui *, struct scr_app *,
	    const struct audit_entry *e);

/*
 * Walk the whole chain (audit_verify) showing progress, then the
 * outcome: intact with the row count and head hash, or the first
 * broken row and why.
 */
void	scr_auditview_verify(struct tui *, struct scr_app *);

/*
 * The detail text of e (lines split at '\n', each within width
 * columns): what the pager shows. The caller frees it.
 */
char	*scr_auditview_text(const struct scr_app *,
	    const struct audit_entry *e, int width);

#endif
