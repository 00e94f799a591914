"""Opens every layer of a stationplan GeoPackage in QGIS (headless) and checks that it
comes up styled from the GeoPackage's layer_styles table, as a GIS analyst would see
it: the renderer and classification field of reports/styles/<layer>.qml, and a map
drawn with those styles that is not blank.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 open_styled.py coverage.gpkg STYLES_DIR OUT_PNG
"""
import os
import sys
import xml.etree.ElementTree as ET

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
from osgeo import ogr

gpkg, styles_dir, out_png = sys.argv[1:4]
app = QgsApplication([], False)
app.initQgis()
failures = []

ds = ogr.Open(gpkg)
names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
styled = [n for n in names if os.path.exists(os.path.join(styles_dir, n + ".qml"))]
if not styled:
    failures.append("no layer of %s has a style in %s" % (gpkg, styles_dir))

layers = []
for name in styled:
    expected = ET.parse(os.path.join(styles_dir, name + ".qml")).getroot().find("renderer-v2")
    layer = QgsVectorLayer("%s|layername=%s" % (gpkg, name), name, "ogr")
    if not layer.isValid():
        failures.append("%s: QGIS cannot open the layer" % name)
        continue
    renderer = layer.renderer()
    got_type = renderer.type() if renderer else None
    if got_type != expected.get("type"):
        failures.append("%s: renderer %s, expected %s (style not loaded from layer_styles?)"
                        % (name, got_type, expected.get("type")))
    attr = expected.get("attr")
    if attr and getattr(renderer, "classAttribute", lambda: None)() != attr:
        failures.append("%s: classified by %s, expected %s" % (name, renderer.classAttribute(), attr))
    if attr and layer.fields().indexFromName(attr) < 0:
        failures.append("%s: the style's field %s is not in the layer" % (name, attr))
    print("%-16s %-18s %s" % (name, got_type, attr or ""))
    layers.append(layer)

# Draw the styled layers together: the picture must not be one colour.
if layers:
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))
    extent = QgsRectangle()
    for layer in layers:
        extent.combineExtentWith(layer.extent())
    settings.setExtent(extent)
    settings.setDestinationCrs(layers[0].crs())
    settings.setOutputSize(QSize(800, 800))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(out_png, "PNG")
    colours = {image.pixel(x, y) for x in range(0, 800, 7) for y in range(0, 800, 7)}
    print("map: %s, %d colours sampled" % (out_png, len(colours)))
    if len(colours) < 5:
        failures.append("the styled map is (nearly) blank: %d colours" % len(colours))

for f in failures:
    print("FAIL: " + f)
sys.stdout.flush()
# PyQGIS may crash while tearing down layers at interpreter exit: the verdict is
# printed, so leave at once with it.
os._exit(1 if failures else 0)
