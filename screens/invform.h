/*
 * invform.h -- the forms of the inventory screen: adding and editing a
 * product, a category's tax rate, receiving, waste and stocktake. Each
 * is checked as it is filled, then makes one model call and says in the
 * status line what happened (or why it was refused: nothing written).
 */
#ifndef CAFED_SCREENS_INVFORM_H
#define CAFED_SCREENS_INVFORM_H

#include <stdint.h>

#include "tui/tui.h"

struct scr_app;
struct product;

/* Each returns the tui_action for the screen (TUI_RELOAD or _REDRAW). */
int	scr_invform_add(struct tui *, struct scr_app *);
int	scr_invform_edit(struct tui *, struct scr_app *,
	    const struct product *);
int	scr_invform_category(struct tui *, struct scr_app *,
	    const struct product *);
int	scr_invform_receive(struct tui *, struct scr_app *,
	    const struct product *);
int	scr_invform_waste(struct tui *, struct scr_app *,
	    const struct product *);
int	scr_invform_count(struct tui *, struct scr_app *,
	    const struct product *);

#endif
