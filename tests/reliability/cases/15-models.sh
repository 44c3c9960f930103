# models (issue 19): import refuses a name outside the documented set (shown escaped) and an existing model unless
# --overwrite; the listing loads each model and shows an unloadable model.onnx as UNREADABLE, not "ok".
MM="$HOME/.myoflow/models"; mkdir -p "$MM"
SRC="$ROOT/models/muap-surrogate-demo/model.onnx"
expect_rc "models import refuses a name with a newline, printed escaped" 2 'the model name "bad\nname" is not allowed' "$M" models import "$SRC" --biomime --name $'bad\nname' --to "$MM"
expect_rc "models import refuses a name with a slash" 2 'the model name "a/b" is not allowed' "$M" models import "$SRC" --biomime --name a/b --to "$MM"
cp -r "$ROOT/models/muap-surrogate-demo" "$MM/mine"
expect_rc "models import refuses to replace an existing model without --overwrite" 2 "a model named 'mine' exists in $MM: pass --overwrite" "$M" models import "$SRC" --biomime --name mine --to "$MM"
check "... and leaves it as it was" cmp -s "$SRC" "$MM/mine/model.onnx"
# a card whose SHA-256 matches its model.onnx, but the file is no ONNX model
mkdir -p "$MM/garbage"; printf 'not an onnx model' >"$MM/garbage/model.onnx"
sed -e 's/"name": *"muap-surrogate-demo"/"name": "garbage"/' \
    -e "s/\"onnxSha256\": *\"[0-9a-f]*\"/\"onnxSha256\": \"$(sha256sum "$MM/garbage/model.onnx" | cut -d' ' -f1)\"/" \
    "$ROOT/models/muap-surrogate-demo/model.json" >"$MM/garbage/model.json"
out=$("$M" models 2>&1)
check "models lists an unloadable model.onnx as UNREADABLE with the reason" grep -qE '^garbage .* UNREADABLE .*ONNX Runtime cannot load' <<<"$out"
check "models still lists a loadable model as ok" grep -qE '^muap-surrogate-demo .* ok ' <<<"$out"
