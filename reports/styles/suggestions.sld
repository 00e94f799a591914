<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.0.0" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>suggestions</Name>
    <UserStyle>
      <Name>suggestions</Name>
      <Title>建议新增站点 suggested stations, labelled with their rank</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>suggested</Name>
          <Title>suggested</Title>
          <PointSymbolizer><Graphic><Mark><WellKnownName>star</WellKnownName><Fill><CssParameter name="fill">#ff7f00</CssParameter></Fill><Stroke><CssParameter name="stroke">#3c3c3c</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke></Mark><Size>16</Size></Graphic></PointSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>rank</ogc:PropertyName></Label><Font><CssParameter name="font-family">Noto Sans CJK SC</CssParameter><CssParameter name="font-size">10</CssParameter></Font><Halo><Radius>1</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#141414</CssParameter></Fill></TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
