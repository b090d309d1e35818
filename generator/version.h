/* version.h - the washboard version, printed by --version and recorded in every report. */
#ifndef WB_VERSION_H
#define WB_VERSION_H

#define WB_VERSION "0.2.0"

#endif
