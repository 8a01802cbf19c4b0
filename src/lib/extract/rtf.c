/*
 * rtf.c - the RTF extractor: bytes of an RTF document -> blocks of UTF-8
 * text (paragraphs, table cells, headings, list items, notes).
 *
 * Debian has no RTF parsing library worth depending on for this (librtf
 * and unrtf are programs, not libraries), so this is a small hand-written
 * tokenizer over the RTF 1.9 syntax: groups, control words with optional
 * numeric parameters, control symbols and text. It is written for
 * untrusted input: group depth is capped (RTF_MAX_DEPTH), numeric
 * parameters are clamped, \binN never reads past the buffer, and every
 * loop advances at least one byte, so a hostile file ends in an error or
 * in best-effort text, never in a crash or a hang.
 *
 * What it keeps: the document text; \par, \sect and \cell end paragraphs
 * (1-based paragraph numbers count them); \page starts a new page;
 * \intbl paragraphs become table cells, \outlinelevelN headings, \ls
 * paragraphs list items; \uN (with \ucN fallback skipping) and \'hh in
 * the \ansicpg code page (Windows 874 and 1250 to 1258 by tables here,
 * the double-byte 932, 936, 949 and 950 through iconv; others are read
 * as 1252 with a note), or in the font's own (its \cpgN, else its \fcharset);
 * field results (\fldrslt, never \fldinst); footnotes, headers and
 * footers as CLINT_BLOCK_NOTE blocks after the paragraph that holds them.
 * What it drops: formatting, font/colour/style tables, \info, pictures,
 * objects (but the text of their \result), shapes (but the text of a
 * text box, \shptxt), bookmarks, comments, every {\* ...} destination
 * it does not know, hidden text (\v), and tracked changes the
 * caller's doc->revisions rejects (\deleted or \revised text).
 */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#define RTF_MAX_DEPTH 1000
#define RTF_MAX_WORD 32
#define RTF_MAX_PARAM 1000000000L
#define RTF_MAX_UC 16
/* Fonts whose \fcharset is kept: \f0 to \f32767 (a font numbered past
 * them reads in the document's code page); Word numbers its theme fonts
 * from 31500 */
#define RTF_MAX_FONTS 32768
/* unsupported code pages noted, in each of two lists (\ansicpg, \cpg) */
#define RTF_MAX_NOTED 16

/* Windows code pages 0x80..0xFF (generated from Python's codecs; 0xFFFD
 * where the code page leaves a byte undefined). */
static const uint16_t cp1250[128] = {
	0x20AC, 0xFFFD, 0x201A, 0xFFFD, 0x201E, 0x2026, 0x2020, 0x2021,
	0xFFFD, 0x2030, 0x0160, 0x2039, 0x015A, 0x0164, 0x017D, 0x0179,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0xFFFD, 0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A,
	0x00A0, 0x02C7, 0x02D8, 0x0141, 0x00A4, 0x0104, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,
	0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x0105, 0x015F, 0x00BB, 0x013D, 0x02DD, 0x013E, 0x017C,
	0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,
	0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
	0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,
	0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
	0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7,
	0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
	0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,
	0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
};
static const uint16_t cp1251[128] = {
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
	0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
	0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
	0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
	0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
	0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
	0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
	0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
	0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
	0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
	0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
	0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};
static const uint16_t cp1252[128] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
	0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
	0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};
static const uint16_t cp1253[128] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0xFFFD, 0x2030, 0xFFFD, 0x2039, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0xFFFD, 0x2122, 0xFFFD, 0x203A, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
	0x00A0, 0x0385, 0x0386, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0xFFFD, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x2015,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x0384, 0x00B5, 0x00B6, 0x00B7,
	0x0388, 0x0389, 0x038A, 0x00BB, 0x038C, 0x00BD, 0x038E, 0x038F,
	0x0390, 0x0391, 0x0392, 0x0393, 0x0394, 0x0395, 0x0396, 0x0397,
	0x0398, 0x0399, 0x039A, 0x039B, 0x039C, 0x039D, 0x039E, 0x039F,
	0x03A0, 0x03A1, 0xFFFD, 0x03A3, 0x03A4, 0x03A5, 0x03A6, 0x03A7,
	0x03A8, 0x03A9, 0x03AA, 0x03AB, 0x03AC, 0x03AD, 0x03AE, 0x03AF,
	0x03B0, 0x03B1, 0x03B2, 0x03B3, 0x03B4, 0x03B5, 0x03B6, 0x03B7,
	0x03B8, 0x03B9, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BE, 0x03BF,
	0x03C0, 0x03C1, 0x03C2, 0x03C3, 0x03C4, 0x03C5, 0x03C6, 0x03C7,
	0x03C8, 0x03C9, 0x03CA, 0x03CB, 0x03CC, 0x03CD, 0x03CE, 0xFFFD,
};

static const uint16_t cp1254[128] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
	0x011E, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x0130, 0x015E, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
	0x011F, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x0131, 0x015F, 0x00FF,
};

static const uint16_t cp1255[128] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0xFFFD, 0x2039, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0xFFFD, 0x203A, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x20AA, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00D7, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00F7, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x05B0, 0x05B1, 0x05B2, 0x05B3, 0x05B4, 0x05B5, 0x05B6, 0x05B7,
	0x05B8, 0x05B9, 0xFFFD, 0x05BB, 0x05BC, 0x05BD, 0x05BE, 0x05BF,
	0x05C0, 0x05C1, 0x05C2, 0x05C3, 0x05F0, 0x05F1, 0x05F2, 0x05F3,
	0x05F4, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
	0x05D0, 0x05D1, 0x05D2, 0x05D3, 0x05D4, 0x05D5, 0x05D6, 0x05D7,
	0x05D8, 0x05D9, 0x05DA, 0x05DB, 0x05DC, 0x05DD, 0x05DE, 0x05DF,
	0x05E0, 0x05E1, 0x05E2, 0x05E3, 0x05E4, 0x05E5, 0x05E6, 0x05E7,
	0x05E8, 0x05E9, 0x05EA, 0xFFFD, 0xFFFD, 0x200E, 0x200F, 0xFFFD,
};

static const uint16_t cp1256[128] = {
	0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686, 0x0698, 0x0688,
	0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA,
	0x00A0, 0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x061F,
	0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
	0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
	0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7,
	0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643,
	0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A, 0x00EE, 0x00EF,
	0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7,
	0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2,
};

static const uint16_t cp1257[128] = {
	0x20AC, 0xFFFD, 0x201A, 0xFFFD, 0x201E, 0x2026, 0x2020, 0x2021,
	0xFFFD, 0x2030, 0xFFFD, 0x2039, 0xFFFD, 0x00A8, 0x02C7, 0x00B8,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0xFFFD, 0x2122, 0xFFFD, 0x203A, 0xFFFD, 0x00AF, 0x02DB, 0xFFFD,
	0x00A0, 0xFFFD, 0x00A2, 0x00A3, 0x00A4, 0xFFFD, 0x00A6, 0x00A7,
	0x00D8, 0x00A9, 0x0156, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00C6,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00F8, 0x00B9, 0x0157, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00E6,
	0x0104, 0x012E, 0x0100, 0x0106, 0x00C4, 0x00C5, 0x0118, 0x0112,
	0x010C, 0x00C9, 0x0179, 0x0116, 0x0122, 0x0136, 0x012A, 0x013B,
	0x0160, 0x0143, 0x0145, 0x00D3, 0x014C, 0x00D5, 0x00D6, 0x00D7,
	0x0172, 0x0141, 0x015A, 0x016A, 0x00DC, 0x017B, 0x017D, 0x00DF,
	0x0105, 0x012F, 0x0101, 0x0107, 0x00E4, 0x00E5, 0x0119, 0x0113,
	0x010D, 0x00E9, 0x017A, 0x0117, 0x0123, 0x0137, 0x012B, 0x013C,
	0x0161, 0x0144, 0x0146, 0x00F3, 0x014D, 0x00F5, 0x00F6, 0x00F7,
	0x0173, 0x0142, 0x015B, 0x016B, 0x00FC, 0x017C, 0x017E, 0x02D9,
};

static const uint16_t cp1258[128] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
	0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
	0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
};

static const uint16_t cp874[128] = {
	0x20AC, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0x2026, 0xFFFD, 0xFFFD,
	0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
	0x00A0, 0x0E01, 0x0E02, 0x0E03, 0x0E04, 0x0E05, 0x0E06, 0x0E07,
	0x0E08, 0x0E09, 0x0E0A, 0x0E0B, 0x0E0C, 0x0E0D, 0x0E0E, 0x0E0F,
	0x0E10, 0x0E11, 0x0E12, 0x0E13, 0x0E14, 0x0E15, 0x0E16, 0x0E17,
	0x0E18, 0x0E19, 0x0E1A, 0x0E1B, 0x0E1C, 0x0E1D, 0x0E1E, 0x0E1F,
	0x0E20, 0x0E21, 0x0E22, 0x0E23, 0x0E24, 0x0E25, 0x0E26, 0x0E27,
	0x0E28, 0x0E29, 0x0E2A, 0x0E2B, 0x0E2C, 0x0E2D, 0x0E2E, 0x0E2F,
	0x0E30, 0x0E31, 0x0E32, 0x0E33, 0x0E34, 0x0E35, 0x0E36, 0x0E37,
	0x0E38, 0x0E39, 0x0E3A, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0x0E3F,
	0x0E40, 0x0E41, 0x0E42, 0x0E43, 0x0E44, 0x0E45, 0x0E46, 0x0E47,
	0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E4D, 0x0E4E, 0x0E4F,
	0x0E50, 0x0E51, 0x0E52, 0x0E53, 0x0E54, 0x0E55, 0x0E56, 0x0E57,
	0x0E58, 0x0E59, 0x0E5A, 0x0E5B, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
};

/* A code page the bytes of text (\'hh) are read in: a Windows single-byte
 * one by its table above, a double-byte one (Japanese, Chinese, Korean)
 * through the C library's iconv, a character being a lead byte and the
 * byte after it. */
typedef struct {
	long number;
	int charset;            /* the \fcharset that implies it */
	const uint16_t *table;  /* single-byte: its bytes 0x80..0xFF */
	const char *iconv;      /* double-byte: iconv's name for it */
	unsigned char slot;     /* double-byte: 1 + its index in rtf.cd */
	unsigned char lead[4];  /* double-byte: lead bytes are lead[0] to
	                           lead[1] and lead[2] to lead[3] */
} rtf_codepage;

/* the double-byte code pages: their slots are 1 to RTF_DBCS
 * (dbcs_ready() reads none past it) */
#define RTF_DBCS 4
static const rtf_codepage codepages[] = {
	{1252, 0, cp1252, NULL, 0, {0}}, /* first: what others fall back to */
	{1250, 238, cp1250, NULL, 0, {0}},
	{1251, 204, cp1251, NULL, 0, {0}},
	{1253, 161, cp1253, NULL, 0, {0}},
	{1254, 162, cp1254, NULL, 0, {0}},
	{1255, 177, cp1255, NULL, 0, {0}},
	{1256, 178, cp1256, NULL, 0, {0}},
	{1257, 186, cp1257, NULL, 0, {0}},
	{1258, 163, cp1258, NULL, 0, {0}},
	{874, 222, cp874, NULL, 0, {0}},
	{932, 128, NULL, "CP932", 1, {0x81, 0x9F, 0xE0, 0xFC}},
	{936, 134, NULL, "CP936", 2, {0x81, 0xFE, 0x81, 0xFE}},
	{949, 129, NULL, "CP949", 3, {0x81, 0xFE, 0x81, 0xFE}},
	{950, 136, NULL, "CP950", 4, {0x81, 0xFE, 0x81, 0xFE}},
};
#define CP_1252 (&codepages[0])

/* A double-byte code page's converter: */
enum cd_state {
	CD_UNOPENED = 0, /* not asked for yet */
	CD_OPEN,
	CD_NONE          /* the C library has none */
};

enum rtf_dest {
	DEST_TEXT = 0, /* document text */
	DEST_SKIP,     /* a destination whose text is not contract text */
	DEST_NOTE      /* footnote, header, footer: a note block */
};

/* What a group inherits from its parent and restores when it ends. */
typedef struct {
	unsigned char dest;
	unsigned char hidden;   /* \v */
	unsigned char inserted; /* \revised */
	unsigned char deleted;  /* \deleted */
	unsigned char in_table; /* \intbl */
	unsigned char uc;       /* \ucN: bytes of fallback after \uN */
	signed char outline;    /* \outlinelevelN, -1 if none */
	unsigned char list;     /* \ilvlN + 1 when \ls is set, 0 if none */
	unsigned char shape;    /* in a \shp or \shpgrp: the dest outside it
	                           + 1, else 0 */
	unsigned char object;   /* in an \object: the same */
	unsigned char box;      /* the group of a \shptxt read as text (not
	                           inherited): its paragraph ends with it */
	const rtf_codepage *cp; /* the current font's code page (\fN of a
	                           font with a \fcharset), NULL: the
	                           document's */
	/* the font's \fcharset + 1 and \cpg as they were when it was
	 * chosen, if one of them is not read here (else 0 and 0): said so
	 * when a byte of text is read in it */
	uint16_t note_cs;
	uint16_t note_cpg;
} rtf_state;

typedef struct {
	clint_doc *doc;
	clint_diag *diag;
	const unsigned char *start, *p, *end;
	rtf_state st[RTF_MAX_DEPTH + 1];
	int depth;              /* st[depth] is the current group's state */
	int star;               /* "\*" seen: the next control word is an
	                           ignorable destination */
	unsigned skip;          /* fallback characters still to skip (\uc) */
	uint32_t high;          /* pending high surrogate of a \u pair */
	const rtf_codepage *cp; /* the document's code page (\ansicpg) */
	long cp_asked;          /* the last \ansicpg */
	int cp_fallback;        /* it is not read here, and r->cp stands for
	                           it: said so when a byte of text is read in
	                           it */
	long cp_noted[RTF_MAX_NOTED]; /* \ansicpg code pages said to be
	                           unsupported, and double-byte ones the C
	                           library cannot convert */
	size_t cp_noted_n;
	long fcp_noted[RTF_MAX_NOTED]; /* font \cpg code pages said to be so */
	size_t fcp_noted_n;
	uint16_t font_cs[RTF_MAX_FONTS]; /* \fcharset + 1 of each font, 0 if
	                           not given */
	uint16_t font_cpg[RTF_MAX_FONTS]; /* \cpgN of each font, 0 if not
	                           given */
	int fonttbl_depth;      /* the \fonttbl group's depth, 0 outside it */
	long font_def;          /* the font the \fonttbl is defining, -1 */
	long deff;              /* \deffN: the font \plain goes back to */
	uint32_t cs_noted[8];   /* charsets said to be unsupported (a set) */
	iconv_t cd[RTF_DBCS];   /* the double-byte code pages' converters */
	unsigned char cd_state[RTF_DBCS]; /* enum cd_state */
	unsigned char lead;     /* a double-byte lead byte waiting for the
	                           byte after it, 0 if none */
	const rtf_codepage *lead_cp; /* its code page */
	const unsigned char *lead_next; /* where that byte must start */
	unsigned para;          /* current source paragraph, 1-based */
	unsigned page;
	unsigned pending;       /* flags for the next block (page break) */
	size_t opened_at;       /* block count before the open block */
	int note_depth;         /* depth of the note group being read, or 0 */
	int note_space;         /* a text box began or ended in the note */
	clint_buf note;         /* its text */
	clint_buf notes;        /* finished notes, NUL-separated, waiting for
	                           the end of the paragraph */
} rtf;

/* Destinations whose text is not the document's. Kept in strcmp order:
 * in_list() looks words up with bsearch(). */
static const char *const skip_words[] = {
	"aftncn", "aftnsep", "aftnsepc", "annotation", "atnauthor", "atndate",
	"atnicn", "atnid", "atnparent", "atnref", "atntime", "atrfend",
	"atrfstart", "bkmkend", "bkmkstart", "colorschememapping", "colortbl",
	"datafield", "datastore", "docvar", "falt", "filetbl", "fldinst",
	"fontemb", "fontfile", "fonttbl", "ftncn", "ftnsep", "ftnsepc",
	"generator", "info", "latentstyles", "listoverridetable", "listpicture",
	"listtable", "mmathPr", "nonshppict", "objdata", "object",
	"passwordhash", "pgdsctbl", "pict", "pn", "pnseclvl", "private",
	"revtbl", "rsidtbl", "rxe", "shp", "shpinst", "shppict", "stylesheet",
	"tc", "tcn", "template", "themedata", "txe", "userprops", "xe",
	"xmlnstbl", "xmlopen",
};

/* Notes, headers and footers; strcmp order too. */
static const char *const note_words[] = {
	"footer", "footerf", "footerl", "footerr", "footnote",
	"header", "headerf", "headerl", "headerr",
};

/* Control words that stand for one character. */
static const struct {
	const char *word;
	uint32_t cp;
} char_words[] = {
	{"bullet", 0x2022},   {"emdash", 0x2014},    {"emspace", ' '},
	{"endash", 0x2013},   {"enspace", ' '},      {"ldblquote", 0x201C},
	{"line", '\n'},       {"lquote", 0x2018},    {"qmspace", ' '},
	{"rdblquote", 0x201D}, {"rquote", 0x2019},   {"tab", '\t'},
	{"lbr", '\n'},
};

static int word_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* True if `w` is in `list`, n words in strcmp order. Every control word
 * of the input goes through here: a binary search, not a scan. */
static int in_list(const char *w, const char *const *list, size_t n)
{
	return bsearch(w, list, n, sizeof(*list), word_cmp) != NULL;
}

/* True if text of the current group is dropped (hidden, skipped, or a
 * tracked change the caller's revisions setting leaves out). */
static int dropped(const rtf *r)
{
	const rtf_state *s = &r->st[r->depth];

	if (s->dest == DEST_SKIP || s->hidden)
		return 1;
	if (r->doc->revisions == CLINT_REVISIONS_ACCEPT && s->deleted)
		return 1;
	if (r->doc->revisions == CLINT_REVISIONS_REJECT && s->inserted)
		return 1;
	return 0;
}

/* Opens a block for the current paragraph if none is open. */
static int ensure_block(rtf *r)
{
	const rtf_state *s = &r->st[r->depth];
	clint_block_type type = CLINT_BLOCK_PARAGRAPH;
	unsigned level = 0;
	int rc;

	if (r->doc->block_open)
		return CLINT_OK;
	if (s->in_table) {
		type = CLINT_BLOCK_TABLE_CELL;
		/* after a paragraph out of any table: a table starts */
		if (!r->doc->block_count ||
		    r->doc->blocks[r->doc->block_count - 1].type !=
		        CLINT_BLOCK_TABLE_CELL)
			clint_doc_table_row(r->doc);
	} else if (s->outline >= 0) {
		type = CLINT_BLOCK_HEADING;
		level = (unsigned)s->outline + 1;
	} else if (s->list) {
		type = CLINT_BLOCK_LIST_ITEM;
		level = s->list;
	}
	r->opened_at = r->doc->block_count;
	rc = clint_doc_open_block(r->doc, type, level, r->page, r->para,
	                          r->pending);
	if (rc == CLINT_OK)
		r->pending = 0;
	return rc;
}

/*
 * Closes the open block. If it held only white space it is dropped, and
 * a page break it carried goes to the next block instead.
 */
static int close_block(rtf *r)
{
	unsigned flags;
	int rc;

	if (!r->doc->block_open)
		return CLINT_OK;
	flags = r->doc->blocks[r->doc->block_count - 1].flags;
	rc = clint_doc_close_block(r->doc);
	if (rc == CLINT_OK && r->doc->block_count == r->opened_at)
		r->pending |= flags & CLINT_BLOCK_PAGE_BREAK;
	return rc;
}

/* Emits the finished notes as note blocks (after their paragraph). */
static int flush_notes(rtf *r)
{
	size_t i = 0;
	int rc = CLINT_OK;

	while (i < r->notes.len) {
		const char *s = r->notes.data + i;
		size_t n = strlen(s);

		TRY(clint_doc_open_block(r->doc, CLINT_BLOCK_PARAGRAPH, 0, r->page,
		                         r->para, CLINT_BLOCK_NOTE | r->pending));
		r->pending = 0;
		TRY(clint_doc_put(r->doc, s, n));
		TRY(clint_doc_close_block(r->doc));
		i += n + 1;
	}
done:
	r->notes.len = 0;
	return rc;
}

/* Ends the current paragraph: \par, \sect, \cell. */
static int end_paragraph(rtf *r)
{
	int rc;

	TRY(close_block(r));
	TRY(flush_notes(r));
	r->para++;
done:
	return rc;
}

/* Appends code point `cp` to the current destination. */
static int emit(rtf *r, uint32_t cp)
{
	const rtf_state *s = &r->st[r->depth];
	int rc;

	if (dropped(r))
		return CLINT_OK;
	if (cp == 0 || (cp < 0x20 && cp != '\t' && cp != '\n') ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return CLINT_OK;
	if (s->dest == DEST_NOTE) {
		/* after a text box in the note: one space before its next word */
		if (r->note_space && cp != ' ' && cp != '\t' && cp != '\n' &&
		    r->note.len && !strchr(" \t\n", r->note.data[r->note.len - 1]))
			TRY(clint_buf_putc(&r->note, ' '));
		r->note_space = 0;
		return clint_buf_put_utf8(&r->note, cp);
	}
	TRY(ensure_block(r));
	if (s->inserted || s->deleted)
		clint_doc_flag_block(r->doc, s->inserted ? CLINT_BLOCK_INSERTED
		                                         : CLINT_BLOCK_DELETED);
	TRY(clint_doc_put_utf8(r->doc, cp));
done:
	return rc;
}

/* \uN: a UTF-16 code unit, pairs joined. */
static int emit_unicode(rtf *r, long n)
{
	uint32_t u = (uint32_t)(n < 0 ? n + 65536 : n) & 0xFFFF;

	if (u >= 0xD800 && u <= 0xDBFF) {
		r->high = u;
		return CLINT_OK;
	}
	if (u >= 0xDC00 && u <= 0xDFFF) {
		uint32_t h = r->high;
		r->high = 0;
		if (!h)
			return CLINT_OK;
		return emit(r, 0x10000 + ((h - 0xD800) << 10) + (u - 0xDC00));
	}
	r->high = 0;
	return emit(r, u);
}

/* Code page `n`, NULL for one not read here. */
static const rtf_codepage *find_codepage(long n)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(codepages); i++)
		if (codepages[i].number == n)
			return &codepages[i];
	return NULL;
}

/* 1 the first time code page `n` is met that is not read (to be noted)
 * in list `noted` of `*count`, 0 after: once a code page, for
 * RTF_MAX_NOTED of them (a file of a million \ansicpg words made as many
 * notes) */
static int first_unsupported(long *noted, size_t *count, long n)
{
	size_t i;

	for (i = 0; i < *count; i++)
		if (noted[i] == n)
			return 0;
	if (*count == RTF_MAX_NOTED)
		return 0;
	noted[(*count)++] = n;
	return 1;
}

/* \ansicpgN: a code page not read here is read as Windows-1252, and
 * said so once the first byte of text is read in it (a document whose
 * text is all \uN, or ASCII, loses nothing). */
static void set_codepage(rtf *r, long n)
{
	r->cp = find_codepage(n);
	r->cp_fallback = !r->cp;
	r->cp_asked = n;
	if (!r->cp)
		r->cp = CP_1252;
}

/* The code page a font's \fcharset implies (cs1: the charset + 1, 0
 * for none): NULL (the document's) for none, DEFAULT_CHARSET (1) and one
 * not read here, for which *unsupported is set (but for Symbol, whose
 * bullets are no text). A Russian font's "\'c4\'ee\'e3\'ee\'e2\'ee\'f0"
 * was read in Windows-1252 without a word (mojibake for "contract"). */
static const rtf_codepage *charset_codepage(unsigned cs1, int *unsupported)
{
	int cs = (int)cs1 - 1;
	size_t i;

	if (cs < 0 || cs == 1)
		return NULL; /* none, DEFAULT_CHARSET */
	for (i = 0; i < ARRAY_LEN(codepages); i++)
		if (codepages[i].charset == cs)
			return &codepages[i];
	if (cs != 2)
		*unsupported = 1; /* but SYMBOL_CHARSET */
	return NULL;
}

/* The code page of font `f` (\fN in the text): the one its \cpgN names,
 * else the one its \fcharset implies, else NULL (the document's). \cpg
 * names the code page itself, so it wins over the charset, which only
 * implies one; an unsupported \cpg (but Symbol's, 42) leaves the charset
 * to decide. *unsupported: 1 when a \cpg or \fcharset of the font is
 * not read here (font_notes() says so). */
static const rtf_codepage *font_codepage(const rtf *r, long f,
                                         int *unsupported)
{
	const rtf_codepage *t;
	long cp;

	*unsupported = 0;
	if (f < 0 || f >= RTF_MAX_FONTS)
		return NULL;
	cp = r->font_cpg[f];
	if (cp && (t = find_codepage(cp)) != NULL)
		return t;
	if (cp && cp != 42)
		*unsupported = 1;
	return charset_codepage(r->font_cs[f], unsupported);
}

/* Notes, once each, a font's \fcharset (cs1: + 1) and \cpg (cp) that
 * are not read here (font_codepage()): when a byte of text in the font
 * is read, not where the font is named (most fonts of a document never
 * show such a byte). */
static void font_notes(rtf *r, unsigned cs1, long cp)
{
	long cs = (long)cs1 - 1;
	const rtf_codepage *t;
	int u = 0;

	t = charset_codepage(cs1, &u);
	if (cs >= 0 && !t && u && !(r->cs_noted[cs / 32] & (1u << (cs % 32)))) {
		r->cs_noted[cs / 32] |= 1u << (cs % 32);
		clint_diag_add(r->diag, CLINT_DIAG_NOTE, r->doc->name, 0, 0,
		               "RTF font charset %ld is not supported: its \\'hh "
		               "characters are read in the document's code page",
		               cs);
	}
	if (cp && cp != 42 &&
	    first_unsupported(r->fcp_noted, &r->fcp_noted_n, cp))
		clint_diag_add(r->diag, CLINT_DIAG_NOTE, r->doc->name, 0, 0,
		               "RTF font code page %ld is not supported: its "
		               "\\'hh characters are read in %s", cp,
		               t ? "the code page of its \\fcharset" :
		                   "the document's code page");
}

/* Makes font `f` the current one of group state `s`. */
static void set_font(const rtf *r, rtf_state *s, long f)
{
	int u;

	s->cp = font_codepage(r, f, &u);
	s->note_cs = u ? r->font_cs[f] : 0;
	s->note_cpg = u ? r->font_cpg[f] : 0;
}

/* True if byte c leads a character of double-byte code page `cp`. */
static int lead_byte(const rtf_codepage *cp, unsigned char c)
{
	return (c >= cp->lead[0] && c <= cp->lead[1]) ||
	       (c >= cp->lead[2] && c <= cp->lead[3]);
}

/* True if the C library can convert double-byte code page `cp` (not on
 * a system without its gconv modules); opens the converter the first
 * time. */
static int dbcs_ready(rtf *r, const rtf_codepage *cp)
{
	size_t k = (size_t)cp->slot - 1;

	if (cp->slot < 1 || cp->slot > RTF_DBCS)
		return 0;
	if (r->cd_state[k] == CD_UNOPENED) {
		r->cd[k] = iconv_open("UTF-32LE", cp->iconv);
		r->cd_state[k] = r->cd[k] == (iconv_t)-1 ? CD_NONE : CD_OPEN;
	}
	return r->cd_state[k] == CD_OPEN;
}

/* Character b[0..n) of double-byte code page `cp` (dbcs_ready()): its
 * code point, 0 for bytes that are none. */
static uint32_t dbcs_char(rtf *r, const rtf_codepage *cp,
                          const unsigned char *b, size_t n)
{
	iconv_t cd = r->cd[cp->slot - 1];
	size_t inleft = n, outleft = 4;
	unsigned char u[4];
	char *in = (char *)b, *out = (char *)u;

	if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1 || inleft ||
	    outleft) {
		iconv(cd, NULL, NULL, NULL, NULL); /* back to its initial state */
		return 0;
	}
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
	       (uint32_t)u[3] << 24;
}

/* True if the byte at `at` is the one after the waiting lead byte:
 * nothing but line ends between them (writers wrap long lines, and RTF
 * ignores the line ends). */
static int follows_lead(const rtf *r, const unsigned char *at)
{
	const unsigned char *q = r->lead_next;

	while (q < at && (*q == '\r' || *q == '\n'))
		q++;
	return q == at;
}

/* Notes, once each, an unsupported code page a byte of text is read in:
 * the font's \cpg or \fcharset, the document's \ansicpg, or double-byte
 * code page `cp` (of either) the C library cannot convert. */
static void codepage_notes(rtf *r, const rtf_state *s, const rtf_codepage *cp)
{
	if (s->note_cs || s->note_cpg)
		font_notes(r, s->note_cs, s->note_cpg);
	if (!s->cp && r->cp_fallback &&
	    first_unsupported(r->cp_noted, &r->cp_noted_n, r->cp_asked))
		clint_diag_add(r->diag, CLINT_DIAG_NOTE, r->doc->name, 0, 0,
		               "RTF code page %ld is not supported: its \\'hh "
		               "characters are read as Windows-1252",
		               r->cp_asked);
	if (cp && first_unsupported(r->cp_noted, &r->cp_noted_n, cp->number))
		clint_diag_add(r->diag, CLINT_DIAG_NOTE, r->doc->name, 0, 0,
		               "RTF code page %ld cannot be read on this system "
		               "(the C library has no converter for it): its "
		               "\\'hh characters are read as Windows-1252",
		               cp->number);
}

/*
 * A byte of text, starting at `at` in the file (its \'hh or itself), in
 * the current font's code page, else the document's. In a double-byte
 * code page a lead byte waits for the byte after it, which may be
 * written as itself ("\'83e" or "\'83\'65"). A lead byte that no byte
 * follows in its code page is dropped; one the next byte makes no
 * character with is U+FFFD, and that byte is read on its own. The first
 * byte read in a code page that cannot be read is when that is said.
 */
static int emit_byte(rtf *r, unsigned char c, const unsigned char *at)
{
	const rtf_state *s = &r->st[r->depth];
	const rtf_codepage *cp = s->cp ? s->cp : r->cp;
	unsigned char pair[2];
	uint32_t u;
	int rc, ready;

	if (r->lead) {
		pair[0] = r->lead;
		pair[1] = c;
		r->lead = 0;
		if (r->lead_cp == cp && follows_lead(r, at)) {
			if ((u = dbcs_char(r, cp, pair, 2)) != 0)
				return emit(r, u);
			TRY(emit(r, 0xFFFD));
		}
	}
	if (c < 0x80)
		return emit(r, c);
	ready = cp->table || dbcs_ready(r, cp);
	if (!dropped(r))
		codepage_notes(r, s, ready ? NULL : cp);
	if (!ready || cp->table)
		return emit(r, (ready ? cp : CP_1252)->table[c - 0x80]);
	if (lead_byte(cp, c)) {
		r->lead = c;
		r->lead_cp = cp;
		r->lead_next = r->p;
		return CLINT_OK;
	}
	u = dbcs_char(r, cp, &c, 1);
	return emit(r, u ? u : 0xFFFD);
done:
	return rc;
}

/* The '}' of a group: restores the parent's state. */
static int end_group(rtf *r)
{
	int rc = CLINT_OK;

	if (r->note_depth && r->depth == r->note_depth) {
		r->note_depth = 0;
		while (r->note.len && strchr(" \t\n", r->note.data[r->note.len - 1]))
			r->note.len--;
		/* a note of white space only is dropped */
		if (r->note.len && r->note.len != strspn(r->note.data, " \t\n")) {
			TRY(clint_buf_put(&r->notes, r->note.data, r->note.len));
			TRY(clint_buf_putc(&r->notes, '\0'));
		}
		r->note.len = 0;
		if (!r->doc->block_open)
			TRY(flush_notes(r));
	}
	/* a text box whose last paragraph has no \par: not run into the
	 * text after the shape ("Box textis due.") */
	if (r->st[r->depth].box && r->st[r->depth].dest == DEST_NOTE)
		r->note_space = 1;
	else if (r->st[r->depth].box)
		TRY(close_block(r));
	if (r->fonttbl_depth && r->depth == r->fonttbl_depth + 1)
		r->font_def = -1;  /* a font's entry ended */
	if (r->depth == r->fonttbl_depth) {
		/* the text before any \f is in the \deff font */
		r->fonttbl_depth = 0;
		if (!r->st[r->depth - 1].cp)
			set_font(r, &r->st[r->depth - 1], r->deff);
	}
	r->depth--;
	r->skip = 0;
done:
	return rc;
}

/* Handles control word `w` with parameter `n` (has_n: one was given). */
static int control_word(rtf *r, const char *w, long n, int has_n)
{
	rtf_state *s = &r->st[r->depth];
	size_t i;
	int rc = CLINT_OK;
	int star = r->star;

	r->star = 0;
	/* a group of shapes too: the \shp of each sits in the group's
	 * skipped \*\shpinst, and its text box is the group's */
	if ((strcmp(w, "shp") == 0 || strcmp(w, "shpgrp") == 0) && !star &&
	    !s->shape)
		s->shape = (unsigned char)(s->dest + 1);
	if (strcmp(w, "shptxt") == 0 && s->shape) {
		/* the text of a text box, which Word shows (as the DOCX
		 * extractor reads w:txbxContent); the rest of the shape is
		 * properties and its picture */
		s->dest = (unsigned char)(s->shape - 1);
		s->shape = 0;
		s->box = s->dest == DEST_TEXT || s->dest == DEST_NOTE;
		if (s->dest == DEST_NOTE) {  /* a note's text runs on, spaced */
			r->note_space = 1;
			return CLINT_OK;
		}
		return s->box ? close_block(r) : CLINT_OK;
	}
	if (strcmp(w, "object") == 0 && !star && !s->object)
		s->object = (unsigned char)(s->dest + 1);
	if (strcmp(w, "result") == 0 && s->object) {
		/* an object's result: what Word shows of it (a picture, which
		 * is skipped, or text: a table pasted from a spreadsheet); the
		 * rest is the object's data */
		s->dest = (unsigned char)(s->object - 1);
		s->object = 0;
		return CLINT_OK;
	}
	if (strcmp(w, "fonttbl") == 0 && !r->fonttbl_depth) {
		r->fonttbl_depth = r->depth;
		r->font_def = -1;
	}
	if (r->fonttbl_depth) {
		/* the font table: which font has which charset */
		if (strcmp(w, "f") == 0 && has_n) {
			/* a font defined again is that definition alone */
			r->font_def = n;
			if (n >= 0 && n < RTF_MAX_FONTS)
				r->font_cs[n] = r->font_cpg[n] = 0;
		}
		else if (strcmp(w, "fcharset") == 0 && r->font_def >= 0 &&
		         r->font_def < RTF_MAX_FONTS && n >= 0 && n <= 255)
			r->font_cs[r->font_def] = (uint16_t)(n + 1);
		else if (strcmp(w, "cpg") == 0 && r->font_def >= 0 &&
		         r->font_def < RTF_MAX_FONTS && n > 0 && n <= 65535)
			r->font_cpg[r->font_def] = (uint16_t)n;
	} else if (strcmp(w, "f") == 0 && has_n) {
		set_font(r, s, n);
	} else if (strcmp(w, "deff") == 0 && has_n) {
		r->deff = n;
	}
	if (in_list(w, skip_words, ARRAY_LEN(skip_words)) ||
	    (star && strcmp(w, "footnote") != 0)) {
		s->dest = DEST_SKIP;
		return CLINT_OK;
	}
	if (in_list(w, note_words, ARRAY_LEN(note_words))) {
		if (s->dest == DEST_TEXT && !r->note_depth) {
			s->dest = DEST_NOTE;
			r->note_depth = r->depth;
			r->note.len = 0;
		}
		return CLINT_OK;
	}
	if (strcmp(w, "par") == 0 || strcmp(w, "sect") == 0 ||
	    strcmp(w, "cell") == 0 || strcmp(w, "nestcell") == 0) {
		if (s->dest == DEST_NOTE)
			return r->note.len ? clint_buf_putc(&r->note, ' ') : CLINT_OK;
		if (s->dest == DEST_TEXT)
			return end_paragraph(r);
		return CLINT_OK;
	}
	if (strcmp(w, "row") == 0 || strcmp(w, "nestrow") == 0 ||
	    strcmp(w, "trowd") == 0) {
		/* the next cell opens a row: also after a nested row, whose
		 * \nestrow Word writes in the skipped \nesttableprops, and
		 * after a row definition, which a row without \row still has */
		clint_doc_table_row(r->doc);
		if (s->dest != DEST_TEXT || strcmp(w, "trowd") == 0)
			return CLINT_OK;
		return close_block(r);
	}
	if (strcmp(w, "page") == 0 || (strcmp(w, "pagebb") == 0 &&
	                                !r->doc->block_open)) {
		if (s->dest != DEST_TEXT || dropped(r))
			return CLINT_OK;
		TRY(close_block(r));
		r->page++;
		r->pending |= CLINT_BLOCK_PAGE_BREAK;
		return CLINT_OK;
	}
	for (i = 0; i < ARRAY_LEN(char_words); i++)
		if (strcmp(w, char_words[i].word) == 0)
			return emit(r, char_words[i].cp);
	if (strcmp(w, "u") == 0 && has_n) {
		TRY(emit_unicode(r, n));
		r->skip = s->uc;
	} else if (strcmp(w, "uc") == 0) {
		s->uc = (unsigned char)(n < 0 ? 0 : n > RTF_MAX_UC ? RTF_MAX_UC : n);
	} else if (strcmp(w, "ansicpg") == 0) {
		set_codepage(r, n);
	} else if (strcmp(w, "v") == 0) {
		s->hidden = !has_n || n != 0;
	} else if (strcmp(w, "deleted") == 0) {
		s->deleted = !has_n || n != 0;
	} else if (strcmp(w, "revised") == 0) {
		s->inserted = !has_n || n != 0;
	} else if (strcmp(w, "plain") == 0) {
		s->hidden = s->deleted = s->inserted = 0;
		set_font(r, s, r->deff);
	} else if (strcmp(w, "pard") == 0) {
		s->in_table = 0;
		s->outline = -1;
		s->list = 0;
	} else if (strcmp(w, "intbl") == 0) {
		s->in_table = 1;
	} else if (strcmp(w, "outlinelevel") == 0) {
		s->outline = (signed char)(n < 0 || n > 8 ? -1 : n);
	} else if (strcmp(w, "ls") == 0) {
		if (!s->list)
			s->list = 1;
	} else if (strcmp(w, "ilvl") == 0) {
		s->list = (unsigned char)(n < 0 || n > 8 ? 1 : n + 1);
	}
done:
	return rc;
}

/* Parses a control word or symbol after its backslash (r->p points past
 * it). Returns 0 or a negative code. */
static int control(rtf *r)
{
	const unsigned char *at = r->p - 1; /* its backslash */
	char word[RTF_MAX_WORD + 1];
	size_t wn = 0;
	long n = 0;
	int has_n = 0, neg = 0, skipping = r->skip > 0;
	unsigned char c;

	if (r->p >= r->end)
		return CLINT_OK;
	if (skipping)
		r->skip--;
	c = *r->p;
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
		/* a control symbol */
		r->p++;
		if (c == '\'') {
			unsigned v = 0, k;
			for (k = 0; k < 2 && r->p < r->end; k++, r->p++) {
				unsigned char h = *r->p;
				if (h >= '0' && h <= '9')
					v = v * 16 + (h - '0');
				else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
					v = v * 16 + ((h | 0x20) - 'a' + 10);
				else
					break;
			}
			if (k < 2 || skipping)
				return CLINT_OK;
			return emit_byte(r, (unsigned char)v, at);
		}
		if (skipping)
			return CLINT_OK;
		switch (c) {
		/* also the second byte of a double-byte character (Shift-JIS
		 * 0x95 0x5C is "\'95\\") */
		case '\\': case '{': case '}': return emit_byte(r, c, at);
		case '~': return emit(r, 0xA0);
		case '_': return emit(r, '-');
		case '*': r->star = 1; return CLINT_OK;
		case '\n': case '\r':
			return control_word(r, "par", 0, 0);
		default: return CLINT_OK; /* \- \: \| and unknown symbols */
		}
	}
	while (r->p < r->end &&
	       ((*r->p >= 'a' && *r->p <= 'z') || (*r->p >= 'A' && *r->p <= 'Z'))) {
		if (wn < RTF_MAX_WORD)
			word[wn++] = (char)*r->p;
		r->p++;
	}
	word[wn] = '\0';
	if (r->p < r->end && *r->p == '-') {
		neg = 1;
		r->p++;
	}
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
		if (n < RTF_MAX_PARAM)
			n = n * 10 + (*r->p - '0');
		has_n = 1;
		r->p++;
	}
	if (neg)
		n = -n;
	if (r->p < r->end && *r->p == ' ')
		r->p++;
	if (strcmp(word, "bin") == 0) {
		/* raw bytes: never interpreted, never read past the end */
		size_t left = (size_t)(r->end - r->p);
		size_t count = has_n && n > 0 ? (size_t)n : 0;
		if (count > left) {
			clint_diag_add(r->diag, CLINT_DIAG_WARNING, r->doc->name, 0, 0,
			               "RTF \\bin data runs past the end of the file "
			               "(%zu bytes announced, %zu left): the text "
			               "ends there",
			               count, left);
			count = left;
		}
		r->p += count;
		return CLINT_OK;
	}
	if (skipping)
		return CLINT_OK;
	return control_word(r, word, n, has_n);
}

/* Warns of text after the document's closing brace, which is not read. */
static void trailing_text(rtf *r)
{
	const unsigned char *p;

	/* padding: white space, braces, NULs and a DOS end-of-file mark */
	for (p = r->p; p < r->end; p++)
		if (!strchr(" \t\r\n\f}\x1a", *p) && *p != '\0')
			break;
	if (p < r->end)
		clint_diag_add(r->diag, CLINT_DIAG_WARNING, r->doc->name, 0, 0,
		               "the RTF document ends at offset %zu (the \"}\" of "
		               "its first \"{\"): the %zu bytes after it are not "
		               "read",
		               (size_t)(r->p - 1 - r->start), (size_t)(r->end - r->p));
}

/* Walks the RTF bytes from the first '{' to the matching '}'. */
static int parse(rtf *r)
{
	int rc = CLINT_OK;

	while (r->p < r->end) {
		unsigned char c = *r->p++;

		switch (c) {
		case '{':
			if (r->depth >= RTF_MAX_DEPTH) {
				clint_diag_add(r->diag, CLINT_DIAG_ERROR, r->doc->name, 0, 0,
				               "RTF groups are nested deeper than %d "
				               "levels: not a document this tool reads",
				               RTF_MAX_DEPTH);
				return CLINT_ELIMIT;
			}
			r->st[r->depth + 1] = r->st[r->depth];
			r->st[r->depth + 1].box = 0;
			if (r->fonttbl_depth && r->depth == r->fonttbl_depth)
				r->font_def = -1;  /* a font's entry starts: \fN */
			r->depth++;
			r->skip = 0;
			r->star = 0;
			break;
		case '}':
			r->star = 0;
			TRY(end_group(r));
			if (r->depth == 0) {
				/* the end of the document: what follows is not read,
				 * as Word does not; said when it is more than padding
				 * (a stray "}" ends a document early) */
				trailing_text(r);
				return CLINT_OK;
			}
			break;
		case '\\':
			TRY(control(r));
			break;
		case '\r': case '\n':
			break;
		default:
			r->star = 0;
			/* the ';' after a font's name ends its entry (also in a
			 * table without a group for each font) */
			if (c == ';' && r->fonttbl_depth &&
			    r->depth <= r->fonttbl_depth + 1)
				r->font_def = -1;
			if (r->skip) {
				r->skip--;
				break;
			}
			TRY(emit_byte(r, c, r->p - 1));
			break;
		}
	}
	clint_diag_add(r->diag, CLINT_DIAG_WARNING, r->doc->name, 0, 0,
	               "truncated RTF: %d group%s not closed at the end of the "
	               "file; the text read so far is used",
	               r->depth, r->depth == 1 ? "" : "s");
done:
	return rc;
}

int clint_extract_rtf(clint_doc *doc, const unsigned char *data, size_t len,
                      clint_diag *diag)
{
	rtf *r;
	size_t i;
	int rc;

	if (len < 5 || memcmp(data, "{\\rtf", 5) != 0) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "not an RTF document (it does not start with "
		               "\"{\\rtf\")");
		return CLINT_EFORMAT;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return CLINT_ENOMEM;
	r->doc = doc;
	r->diag = diag;
	r->start = data;
	r->p = data + 1;
	r->end = data + len;
	r->depth = 1;
	r->st[1].uc = 1;
	r->st[1].outline = -1;
	r->cp = CP_1252;
	r->font_def = -1;
	r->para = 1;
	r->page = 1;
	r->note.limit = r->notes.limit = CLINT_DEFAULT_MAX_INPUT;
	TRY(parse(r));
	if (r->note_depth) {
		/* a note cut off by the end of the file still counts */
		r->depth = r->note_depth;
		TRY(end_group(r));
	}
	TRY(close_block(r));
	TRY(flush_notes(r));
done:
	for (i = 0; i < RTF_DBCS; i++)
		if (r->cd_state[i] == CD_OPEN)
			iconv_close(r->cd[i]);
	clint_buf_free(&r->note);
	clint_buf_free(&r->notes);
	free(r);
	return rc;
}
