<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.0.0" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>grids</Name>
    <UserStyle>
      <Name>grids</Name>
      <Title>网格覆盖率 grids by covered share</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>covered 0–50 %</Name>
          <Title>covered 0–50 %</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.000000</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.500000</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d7191c</CssParameter><CssParameter name="fill-opacity">0.71</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>covered 50–80 %</Name>
          <Title>covered 50–80 %</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.500000</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.800000</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fdae61</CssParameter><CssParameter name="fill-opacity">0.71</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>covered 80–95 %</Name>
          <Title>covered 80–95 %</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.800000</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.950000</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#ffffbf</CssParameter><CssParameter name="fill-opacity">0.71</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>covered 95–100 %</Name>
          <Title>covered 95–100 %</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.950000</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.999999</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#a6d96a</CssParameter><CssParameter name="fill-opacity">0.71</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>covered 100 %</Name>
          <Title>covered 100 %</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>0.999999</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>covered_ratio</ogc:PropertyName><ogc:Literal>1.000000</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#1a9641</CssParameter><CssParameter name="fill-opacity">0.71</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
