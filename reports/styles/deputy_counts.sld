<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.0.0" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>deputy_counts</Name>
    <UserStyle>
      <Name>deputy_counts</Name>
      <Title>每网格代表数 deputies per grid</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>0 deputies</Name>
          <Title>0 deputies</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#ffffff</CssParameter><CssParameter name="fill-opacity">0.00</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>deputies</ogc:PropertyName></Label><Font><CssParameter name="font-family">Noto Sans CJK SC</CssParameter><CssParameter name="font-size">10</CssParameter></Font><Halo><Radius>1</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#141414</CssParameter></Fill></TextSymbolizer>
        </Rule>
        <Rule>
          <Name>1–2 deputies</Name>
          <Title>1–2 deputies</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#deebf7</CssParameter><CssParameter name="fill-opacity">0.78</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>deputies</ogc:PropertyName></Label><Font><CssParameter name="font-family">Noto Sans CJK SC</CssParameter><CssParameter name="font-size">10</CssParameter></Font><Halo><Radius>1</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#141414</CssParameter></Fill></TextSymbolizer>
        </Rule>
        <Rule>
          <Name>3–5 deputies</Name>
          <Title>3–5 deputies</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>6</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#9ecae1</CssParameter><CssParameter name="fill-opacity">0.78</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>deputies</ogc:PropertyName></Label><Font><CssParameter name="font-family">Noto Sans CJK SC</CssParameter><CssParameter name="font-size">10</CssParameter></Font><Halo><Radius>1</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#141414</CssParameter></Fill></TextSymbolizer>
        </Rule>
        <Rule>
          <Name>6–10 deputies</Name>
          <Title>6–10 deputies</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>6</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>11</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#4292c6</CssParameter><CssParameter name="fill-opacity">0.78</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>deputies</ogc:PropertyName></Label><Font><CssParameter name="font-family">Noto Sans CJK SC</CssParameter><CssParameter name="font-size">10</CssParameter></Font><Halo><Radius>1</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#141414</CssParameter></Fill></TextSymbolizer>
        </Rule>
        <Rule>
          <Name>11+ deputies</Name>
          <Title>11+ deputies</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>11</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>deputies</ogc:PropertyName><ogc:Literal>100000</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo></ogc:And></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#084594</CssParameter><CssParameter name="fill-opacity">0.78</CssParameter></Fill><Stroke><CssParameter name="stroke">#787878</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke></PolygonSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>deputies</ogc:PropertyName></Label><Font><CssParameter name="font-family">Noto Sans CJK SC</CssParameter><CssParameter name="font-size">10</CssParameter></Font><Halo><Radius>1</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#141414</CssParameter></Fill></TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
