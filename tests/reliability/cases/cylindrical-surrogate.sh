# Issue 16, item 5: the cylindrical (limb) surrogate. The shipped model is listed and loadable; a pipeline with the
# cylindrical surrogate bank runs; parameters outside the model's condition ranges are refused at validate (exit 2)
# naming the node and the parameter; the training recipe refuses unknown settings (exit 2).
out=$("$M" models 2>&1)
check "models lists the shipped cylindrical surrogate as ok" grep -qE '^muap-surrogate-cylindrical .* ok ' <<<"$out"
cat >"$T/cyl.myoflow" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="cylindrical-surrogate" seed="5">
  <pipelines name="bank">
    <nodes id="muaps" stepId="org.myoflow.surrogate.cylindrical-surrogate-muap-bank" stepVersion="1.0.0">
      <parameters xsi:type="myoflow:IntegerValue" key="units" value="6"/>
      <parameters xsi:type="myoflow:NumberValue" key="fatThickness" value="2"/>
    </nodes>
  </pipelines>
</myoflow:Experiment>
XML
expect_rc "a cylindrical surrogate bank runs" 0 "" "$M" run "$T/cyl.myoflow" --out "$T/run"
expect_rc "a fat thickness outside the model's range is refused at validate, naming node and parameter" 2 \
    "fatThickness" "$M" validate "$T/cyl.myoflow" --set muaps.fatThickness=6
expect_rc "a sector wider than the model's angles is refused naming muscleWidth" 2 "muscleWidth" \
    "$M" validate "$T/cyl.myoflow" --set muaps.muscleWidth=90
expect_rc "train refuses an unknown setting of the cylindrical recipe" 2 "fibreCap" \
    "$M" train muap-surrogate-cylindrical --quick --set nosuch=3 --out "$T/m"
