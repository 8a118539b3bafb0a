# Installation (README "Install"): cmake --install with DESTDIR puts the
# binary, its data, the manual pages and the completions in their places;
# the installed tree, moved elsewhere, renders a sample from another folder
# with its own fonts.conf and never the source tree's.
. "$(dirname "$0")/lib.bash"
build=$(cd "$(dirname "$BIN")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
DESTDIR="$tmp/stage" cmake --install "$build" --prefix /usr/local >"$tmp/install.log" 2>&1
expect_eq "cmake --install with DESTDIR" "$?" 0
p="$tmp/stage/usr/local"
for f in bin/briefgen share/briefgen/fonts.conf share/man/man1/briefgen.1 share/man/man5/briefgen-formats.5 \
         share/bash-completion/completions/briefgen share/zsh/site-functions/_briefgen \
         share/fish/vendor_completions.d/briefgen.fish; do
  test -s "$p/$f"; expect_eq "installed $f" "$?" 0
done
# the source tree's data path is not compiled in
grep -q "$PWD/fonts/fonts.conf" "$p/bin/briefgen"; expect_eq "no source path in the binary" "$?" 1
# moved: a copy of the installed tree alone, run from an unrelated folder
mv "$p" "$tmp/moved"
mkdir "$tmp/work"; cp -r briefs "$tmp/work/"
cd "$tmp/work"
out=$(env -u BRIEFGEN_FONTS_CONF -u BRIEFGEN_DATA_DIR "$tmp/moved/bin/briefgen" fonts)
expect_contains "fonts.conf found beside the moved binary" "$out" "fontconfig: $tmp/moved/bin/../share/briefgen/fonts.conf"
env -u BRIEFGEN_FONTS_CONF -u BRIEFGEN_DATA_DIR "$tmp/moved/bin/briefgen" render -q -o out.pdf briefs/osaka-2019-pre-summit.yaml 2>err.txt
expect_eq "the moved binary renders" "$?" 0
expect_eq "no warning about fonts" "$(cat err.txt)" ""
pdffonts out.pdf | grep -q Nanum; expect_eq "Nanum embedded" "$?" 0
# BRIEFGEN_DATA_DIR overrides the place beside the binary
mkdir "$tmp/data"; cp "$tmp/moved/share/briefgen/fonts.conf" "$tmp/data/"
out=$(BRIEFGEN_DATA_DIR="$tmp/data" "$tmp/moved/bin/briefgen" fonts | head -1)
expect_eq "BRIEFGEN_DATA_DIR" "$out" "fontconfig: $tmp/data/fonts.conf"
finish
