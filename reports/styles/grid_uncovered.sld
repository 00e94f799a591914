<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.0.0" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>grid_uncovered</Name>
    <UserStyle>
      <Name>grid_uncovered</Name>
      <Title>网格未覆盖部分 parts of grids beyond the radius</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>uncovered</Name>
          <Title>uncovered</Title>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#c80000</CssParameter><CssParameter name="fill-opacity">0.35</CssParameter></Fill><Stroke><CssParameter name="stroke">#c80000</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
