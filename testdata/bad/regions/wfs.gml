<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" numberMatched="1" numberReturned="1">
  <wfs:member>
    <kunta gml:id="kunta.1"><nimi>Pieksämäki</nimi></kunta>
  </wfs:member>
</wfs:FeatureCollection>
