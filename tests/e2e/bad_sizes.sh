#!/usr/bin/env bash
# bad_sizes.sh - inputs built to find quadratic time and deep recursion: a
# 50 MB line, a 5 MB word, 200,000 opening quotation marks, quotes nested
# 5,000 deep, 100,000 paragraphs, a header with 10,000 keys and one with a
# 1 MB value.  Each must finish within LIMIT seconds (linear code takes a
# few; quadratic code takes hours) and give well-formed output, or be
# refused with an error naming the file.  The inputs are made here, in a
# scratch folder, and never committed.
. "$NP_SOURCE_DIR/tests/robust/lib.sh"

LIMIT=${NP_BIG_LIMIT:-300}
i=$T/in
mkdir -p "$i"
gen() { # FILE PYTHON-EXPRESSION (a str, written as UTF-8)
	python3 -c "import sys; sys.stdout.buffer.write(($2).encode('utf-8'))" >"$1"
}

gen "$i/line-50mb.txt" '"Long line\n\n" + "The council met again, \u201cand again,\u201d Pike said. " * (50 * 1024 * 1024 // 53)'
ACCEPT_CLEAN=1 expect_handled line-50mb "$i/line-50mb.txt"
echo "line-50mb: ${elapsed}s"

gen "$i/word-5mb.txt" '"Long word\n\nThe word " + "x" * (5 * 1024 * 1024) + " ends here.\n\n\u201cIt is long,\u201d Pike said.\n"'
ACCEPT_CLEAN=1 expect_handled word-5mb "$i/word-5mb.txt"
echo "word-5mb: ${elapsed}s"

gen "$i/open-curly.txt" '"Quotes\n\nHe said " + "\u201c" * 200000 + " and stopped.\n"'
ACCEPT_CLEAN=1 expect_handled open-quotes-curly "$i/open-curly.txt"
echo "open-quotes-curly: ${elapsed}s"
gen "$i/open-straight.txt" '"Quotes\n\nHe said " + "\"" * 200001 + " and stopped.\n"'
ACCEPT_CLEAN=1 expect_handled open-quotes-straight "$i/open-straight.txt"
echo "open-quotes-straight: ${elapsed}s"
gen "$i/open-mixed.txt" '"Quotes\n\n" + "\u201cWord, \u00ab mot \u201e Wort \u2018w " * 50000 + "\n"'
ACCEPT_CLEAN=1 expect_handled open-quotes-mixed "$i/open-mixed.txt"

gen "$i/nested.txt" '"Nested\n\n\u201cStart " + "\u201cdeep \u2018deeper " * 2500 + "core" + "\u2019 out\u201d" * 2500 + ",\u201d Mayor Joan Pike said.\n"'
ACCEPT_CLEAN=1 expect_handled nested-5000 "$i/nested.txt"
echo "nested-5000: ${elapsed}s"
gen "$i/nested-straight.txt" '"Nested\n\n" + "\"a '"'"'b " * 2500 + "core" + " c'"'"' d\"" * 2500 + " Pike said.\n"'
ACCEPT_CLEAN=1 expect_handled nested-straight "$i/nested-straight.txt"

gen "$i/paras.txt" '"Many paragraphs\n\n" + "".join("Paragraph %d is here. \u201cQuote %d,\u201d Mayor Joan Pike said.\n\n" % (n, n) for n in range(100000))'
ACCEPT_CLEAN=1 expect_handled paragraphs-100000 "$i/paras.txt"
echo "paragraphs-100000: ${elapsed}s"
gen "$i/lines.txt" '"".join("Line %d.\n" % n for n in range(100000))'
ACCEPT_CLEAN=1 expect_handled lines-100000 "$i/lines.txt"

gen "$i/keys.txt" '"".join("X-Key-%d: value %d\n" % (n, n) for n in range(10000)) + "\nThe body.\n\n\u201cIt is fine,\u201d Pike said.\n"'
ACCEPT_CLEAN=1 expect_handled header-10000-keys "$i/keys.txt"
echo "header-10000-keys: ${elapsed}s"
gen "$i/keys-fenced.txt" '"---\n" + "".join("Key%d: v\n" % n for n in range(10000)) + "---\n\nThe body.\n"'
ACCEPT_CLEAN=1 expect_handled header-10000-keys-fenced "$i/keys-fenced.txt"
gen "$i/value.txt" '"Headline: " + "Big " * (256 * 1024) + "\nKeywords: " + "k," * (512 * 1024) + "\nByline: " + "Jane Doe and " * 80000 + "John Roe\n\nThe body.\n"'
ACCEPT_CLEAN=1 expect_handled header-1mb-value "$i/value.txt"
echo "header-1mb-value: ${elapsed}s"

finish
