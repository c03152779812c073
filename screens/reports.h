/*
 * reports.h -- the reports screen (report.view): sales by day, category
 * and product, top customers, shift variances; bar charts; CSV export.
 */
#ifndef CAFED_SCREENS_REPORTS_H
#define CAFED_SCREENS_REPORTS_H

#include "tui/tui.h"

extern const struct tui_screen	scr_reports;

#endif
