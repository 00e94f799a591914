<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.0.0" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>station_radius</Name>
    <UserStyle>
      <Name>station_radius</Name>
      <Title>站点服务半径 station radius circles</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>radius</Name>
          <Title>radius</Title>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#1f78b4</CssParameter><CssParameter name="fill-opacity">0.10</CssParameter></Fill><Stroke><CssParameter name="stroke">#1f78b4</CssParameter><CssParameter name="stroke-width">0.8</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
