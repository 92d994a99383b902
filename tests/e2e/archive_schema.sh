#!/usr/bin/env bash
# archive_schema.sh - `verify --schema XSD` checks every NewsML item of a
# bag (archive or folder) against the official NewsML-G2 schema, through
# the same validator as `newsprism validate`.
set -euo pipefail
source "$(dirname "$0")/archive_common.inc"
xsd=${NP_SHARED:-}/reference/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd
[ -f "$xsd" ] || { echo "SKIPPED: $xsd not found (set NP_SHARED)"; exit 77; }
cd "$tmp"
mkdir -p bag/data/story
cat > bag/data/story/story.newsml.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:20231114:story"
  version="1" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="en">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider literal="example.org"/>
    <versionCreated>2023-11-14T22:13:20Z</versionCreated>
  </itemMeta>
  <contentMeta><headline>A test story</headline></contentMeta>
</newsItem>
XML
# the validator must work on this build for this test to mean anything
if ! "$NEWSPRISM" validate --schema "$xsd" bag/data/story/story.newsml.xml > v.txt 2>&1; then
  cat v.txt; fail "the hand-made NewsML item does not validate"
fi

bag_up() { # recompute the manifests of bag/
  (cd bag && printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > bagit.txt
   find data -type f | LC_ALL=C sort | xargs -d '\n' sha256sum > manifest-sha256.txt)
}
bag_up
tar -czf good.tar.gz bag
"$NEWSPRISM" verify --schema "$xsd" good.tar.gz > out.txt || { cat out.txt; fail "good bag"; }
"$NEWSPRISM" verify --schema "$xsd" bag > out.txt || { cat out.txt; fail "good folder"; }

# an item that breaks the schema (no itemMeta), with correct checksums
sed -i '/<itemMeta>/,/<\/itemMeta>/d' bag/data/story/story.newsml.xml
bag_up
tar -czf bad.tar.gz bag
for b in bad.tar.gz bag; do
  rc=0
  "$NEWSPRISM" verify --schema "$xsd" "$b" > out.txt 2>&1 || rc=$?
  [ "$rc" = 1 ] || { cat out.txt; fail "verify --schema $b exited $rc"; }
  grep -qF "data/story/story.newsml.xml: not valid NewsML-G2" out.txt || { cat out.txt; fail "$b: not reported"; }
  # without --schema the checksums alone pass
  "$NEWSPRISM" verify "$b" > /dev/null || fail "verify $b without --schema"
done
echo "archive_schema: OK"
