/* xmlw.h - a small streaming XML writer for the NewsML exporter, writing the
 * same bytes as libxml2's xmlTextWriter (no indentation, '"' quotes, no
 * document: what newsml.c used) straight into an np_buf.  xmlTextWriter
 * copied every name, kept a linked list per element, escaped through
 * separate buffers and pushed every piece through an output callback: a
 * quarter of the CPU time of -f newsml,csv,jsonld.  check_xmlw drives both
 * with the same random calls and compares the bytes.
 *
 * Semantics kept from xmlTextWriter: a start tag stays open until content,
 * a child or the end (then "/>"); a namespace given to start_element_ns is
 * declared as the start tag's last attribute when it closes; text is
 * escaped as xmlEncodeSpecialChars does (< > & " and CR), attribute values
 * as xmlBufAttrSerializeTxtContent does (also LF and TAB, and before
 * start_document names an encoding every non-ASCII character as a
 * hexadecimal character reference);
 * end_document closes every element and ends with a newline.  Functions
 * return 0, or -1 (out of memory, or a call that makes no sense here). */
#ifndef NP_XMLW_H
#define NP_XMLW_H

#include "../pipeline/buf.h"

#include <libxml/xmlstring.h>

typedef struct np_xw np_xw;

np_xw *np_xw_new(np_buf *out);
void np_xw_free(np_xw *w);
int np_xw_start_document(np_xw *w, const char *version, const char *encoding,
                         const char *standalone);
int np_xw_end_document(np_xw *w);
int np_xw_start_element(np_xw *w, const xmlChar *name);
int np_xw_start_element_ns(np_xw *w, const xmlChar *prefix, const xmlChar *name,
                           const xmlChar *uri);
int np_xw_end_element(np_xw *w);
int np_xw_write_attribute(np_xw *w, const xmlChar *name, const xmlChar *value);
int np_xw_write_element(np_xw *w, const xmlChar *name, const xmlChar *content);
int np_xw_write_string(np_xw *w, const xmlChar *content);
int np_xw_write_raw(np_xw *w, const xmlChar *content);
int np_xw_write_raw_len(np_xw *w, const xmlChar *content, int len);
int np_xw_flush(np_xw *w);

#endif
