"""Round trip: import → export (DMN 1.2) → import gives the same rules, for every real file and for a
synthetic file that uses every feature the model knows."""

import pytest
from lxml import etree

from tests.toepasbare_regels.sttr.helpers import beslis
from tests.toepasbare_regels.sttr.test_parser import geonovum_dmn
from toepasbare_regels.sttr import parser
from toepasbare_regels.sttr.export import DMN12, naar_dmn
from toepasbare_regels.sttr.model import GEGEVENSTYPEN, HIT_POLICIES, SOORTEN

ALLES = b"""<?xml version="1.0" encoding="UTF-8"?>
<dmn11:definitions xmlns:dmn11="http://www.omg.org/spec/DMN/20151101/dmn.xsd"
    xmlns:uitv="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Uitvoeringsregel"
    xmlns:inter="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Interactieregel"
    xmlns:bedr="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Bedrijfsregel"
    xmlns:content="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Content"
    xmlns:triso="http://www.trisotech.com/2015/triso/modeling"
    id="_alles" name="Conclusie Bouwen Dakkapel" namespace="http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000"
    exporter="handwerk">
  <dmn11:extensionElements>
    <inter:regelgroepen>
      <inter:regelgroep id="groep1"><inter:naam>Algemene vragen</inter:naam><inter:prioriteit>1</inter:prioriteit></inter:regelgroep>
      <inter:regelgroep id="groep2"><inter:naam>Afmetingen</inter:naam><inter:prioriteit>2</inter:prioriteit></inter:regelgroep>
    </inter:regelgroepen>
    <uitv:uitvoeringsregels>
      <uitv:uitvoeringsregel id="U1">
        <uitv:regelgroepRef href="#groep1"/><uitv:bereik>werkzaamheid</uitv:bereik><uitv:herbruikbaarId>monument</uitv:herbruikbaarId>
        <inter:prioriteit>10</inter:prioriteit>
        <uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType><uitv:vraagTekst>Is het een monument?</uitv:vraagTekst></uitv:vraag>
        <content:uitvoeringsregelToelichting>
          <content:toelichting>Kijk in het **monumentenregister**.</content:toelichting>
          <content:langeToelichting>Een rijks- of gemeentelijk monument.</content:langeToelichting>
          <content:belangrijk>true</content:belangrijk>
        </content:uitvoeringsregelToelichting>
      </uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U2">
        <uitv:regelgroepRef href="#groep1"/><inter:prioriteit>20</inter:prioriteit>
        <uitv:vraag><uitv:gegevensType>list</uitv:gegevensType><uitv:vraagTekst>Waar komt de dakkapel?</uitv:vraagTekst>
          <uitv:opties><uitv:optieType>enkelAntwoord</uitv:optieType>
            <uitv:optie><uitv:sequenceId>1</uitv:sequenceId><uitv:optieText>Voorkant</uitv:optieText><content:uitvoeringsregelToelichting><content:toelichting>Aan de straatkant.</content:toelichting></content:uitvoeringsregelToelichting></uitv:optie>
            <uitv:optie><uitv:sequenceId>2</uitv:sequenceId><uitv:optieText>Zijkant</uitv:optieText></uitv:optie>
            <uitv:optie><uitv:sequenceId>3</uitv:sequenceId><uitv:optieText>Achterkant</uitv:optieText></uitv:optie>
          </uitv:opties></uitv:vraag>
      </uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U3"><uitv:regelgroepRef href="#groep2"/><inter:prioriteit>30</inter:prioriteit>
        <uitv:vraag><uitv:gegevensType>number</uitv:gegevensType><uitv:vraagTekst>Hoe hoog is de dakkapel (cm)?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U4"><uitv:regelgroepRef href="#groep2"/>
        <uitv:vraag><uitv:gegevensType>string</uitv:gegevensType><uitv:vraagTekst>Welk materiaal?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U5"><uitv:regelgroepRef href="#groep2"/>
        <uitv:vraag><uitv:gegevensType>date</uitv:gegevensType><uitv:vraagTekst>Wanneer begint u?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U6"><uitv:geoVerwijzing><uitv:locatie identificatie="nl.imow-gm0400.gebied.BeschermdDorpsgezicht"/>
        <uitv:vraagTekst>Ligt het in het beschermd dorpsgezicht?</uitv:vraagTekst></uitv:geoVerwijzing></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U7"><uitv:bijlage><uitv:bijlageType>Bouwtekening</uitv:bijlageType></uitv:bijlage>
        <content:uitvoeringsregelToelichting><content:toelichting>Een tekening op schaal.</content:toelichting></content:uitvoeringsregelToelichting></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U8"><uitv:vasteWaarde><uitv:waardeVraag>Is er een bestemmingsplan?</uitv:waardeVraag>
        <uitv:waarde>true</uitv:waarde><uitv:gegevensType>boolean</uitv:gegevensType></uitv:vasteWaarde></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U9"><uitv:vasteWaardeVoorbehoud><uitv:vasteWaarde><uitv:waardeVraag>Geldt het voorbehoud?</uitv:waardeVraag>
        <uitv:waarde>false</uitv:waarde><uitv:gegevensType>boolean</uitv:gegevensType></uitv:vasteWaarde>
        <uitv:tekstVoorbehoud>Onder voorbehoud van de welstandsnota.</uitv:tekstVoorbehoud></uitv:vasteWaardeVoorbehoud></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U10"><uitv:registerBevraging><uitv:gegevensType>boolean</uitv:gegevensType>
        <uitv:vraagTekst>Is het pand een monument?</uitv:vraagTekst><uitv:register>GGS</uitv:register>
        <uitv:registerkoppelveld>monument</uitv:registerkoppelveld><uitv:verborgenStuurvraag>true</uitv:verborgenStuurvraag></uitv:registerBevraging></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U11"><uitv:registerbevragingAPIProfiel><uitv:gegevensType>string</uitv:gegevensType>
        <uitv:afnamepunt>BAG verblijfsobject gebruiksdoel</uitv:afnamepunt></uitv:registerbevragingAPIProfiel></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U12"><uitv:herbruikbareBeslissing><uitv:naam>Monumentenvergunning</uitv:naam>
        <uitv:activiteit urn="nl.imow-gm0400.activiteit.Monument"/></uitv:herbruikbareBeslissing></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U13"><uitv:uitkomstHerbruikbareBeslissing><uitv:naam>Conclusie bomen</uitv:naam>
        <uitv:activiteit urn="nl.imow-gm0400.activiteit.Bomen"/><uitv:gegevensType>string</uitv:gegevensType></uitv:uitkomstHerbruikbareBeslissing></uitv:uitvoeringsregel>
      <uitv:uitvoeringsregel id="U14"><uitv:implicietAntwoord><uitv:waarde>true</uitv:waarde>
        <uitv:werkzaamheid href="http://toepasbare-regels.omgevingswet.overheid.nl/werkzaamheden/id/concept/DakkapelPlaatsen"/>
        <uitv:context>Werkzaamheidspecifiek</uitv:context></uitv:implicietAntwoord></uitv:uitvoeringsregel>
    </uitv:uitvoeringsregels>
  </dmn11:extensionElements>
  <dmn11:inputData id="I1" name="monument"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U1"/></dmn11:extensionElements><dmn11:variable name="monument" typeRef="feel:boolean"/></dmn11:inputData>
  <dmn11:inputData id="I2" name="plek"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U2"/></dmn11:extensionElements><dmn11:variable name="plek" typeRef="feel:string"/></dmn11:inputData>
  <dmn11:inputData id="I3" name="hoogte"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U3"/></dmn11:extensionElements><dmn11:variable name="hoogte" typeRef="feel:number"/></dmn11:inputData>
  <dmn11:inputData id="I4" name="materiaal"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U4"/></dmn11:extensionElements><dmn11:variable name="materiaal" typeRef="feel:string"/></dmn11:inputData>
  <dmn11:inputData id="I5" name="begin"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U5"/></dmn11:extensionElements><dmn11:variable name="begin" typeRef="feel:date"/></dmn11:inputData>
  <dmn11:inputData id="I6" name="gezicht"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U6"/></dmn11:extensionElements><dmn11:variable name="gezicht" typeRef="feel:boolean"/></dmn11:inputData>
  <dmn11:inputData id="I7" name="tekening"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U7"/></dmn11:extensionElements><dmn11:variable name="tekening" typeRef="feel:boolean"/></dmn11:inputData>
  <dmn11:inputData id="I8" name="plan"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U8"/></dmn11:extensionElements><dmn11:variable name="plan" typeRef="feel:boolean"/></dmn11:inputData>
  <dmn11:inputData id="I9" name="voorbehoud"><dmn11:extensionElements><uitv:uitvoeringsregelRef href="#U9"/></dmn11:extensionElements><dmn11:variable name="voorbehoud" typeRef="feel:boolean"/></dmn11:inputData>
  <dmn11:decision id="TOP" name="Conclusie dakkapel">
    <dmn11:extensionElements><bedr:functioneleStructuurRef href="http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000/id/concept/ConclusieBouwenDakkapel"/></dmn11:extensionElements>
    <dmn11:variable name="Conclusie dakkapel" typeRef="feel:string"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I6"/></dmn11:informationRequirement>
    <dmn11:informationRequirement><dmn11:requiredDecision href="#ERFGOED"/></dmn11:informationRequirement>
    <dmn11:informationRequirement><dmn11:requiredDecision href="#MAAT"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="TOP_t" hitPolicy="COLLECT">
      <dmn11:input id="TOP_i1" label="Gezicht"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>gezicht</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:input id="TOP_i2" label="Erfgoed"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>erfgoed</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:input id="TOP_i3" label="Maat"><dmn11:inputExpression typeRef="feel:string"><dmn11:text>maat</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="TOP_o" name="conclusie" typeRef="feel:string"><dmn11:outputValues><dmn11:text>"Verbod","Vergunningplicht","Meldingsplicht","Informatieplicht","NeemContactOpMet","Toestemmingsvrij","NietVanToepassing"</dmn11:text></dmn11:outputValues></dmn11:output>
      <dmn11:annotation name="Artikel"/>
      <dmn11:rule id="TOP_r1"><dmn11:inputEntry><dmn11:text>true</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry>
        <dmn11:outputEntry><dmn11:extensionElements><content:conclusieToelichting><content:toelichting>In het beschermd dorpsgezicht hebt u een vergunning nodig.</content:toelichting></content:conclusieToelichting></dmn11:extensionElements><dmn11:text>"Vergunningplicht"</dmn11:text></dmn11:outputEntry>
        <dmn11:annotationEntry><dmn11:text>/akn/nl/act/gm0400/2024/omgevingsplan/art_5.1</dmn11:text></dmn11:annotationEntry></dmn11:rule>
      <dmn11:rule id="TOP_r2"><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>true</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry>
        <dmn11:outputEntry><dmn11:text>"NeemContactOpMet"</dmn11:text></dmn11:outputEntry><dmn11:annotationEntry><dmn11:text>/akn/nl/act/gm0400/2024/omgevingsplan/art_5.2</dmn11:text></dmn11:annotationEntry></dmn11:rule>
      <dmn11:rule id="TOP_r3"><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>"klein"</dmn11:text></dmn11:inputEntry>
        <dmn11:outputEntry><dmn11:text>"Toestemmingsvrij"</dmn11:text></dmn11:outputEntry><dmn11:annotationEntry><dmn11:text></dmn11:text></dmn11:annotationEntry></dmn11:rule>
      <dmn11:rule id="TOP_r4"><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>not("klein")</dmn11:text></dmn11:inputEntry>
        <dmn11:outputEntry><dmn11:text>"Meldingsplicht"</dmn11:text></dmn11:outputEntry><dmn11:annotationEntry><dmn11:text></dmn11:text></dmn11:annotationEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
  <dmn11:decision id="ERFGOED" name="erfgoed">
    <dmn11:variable name="erfgoed" typeRef="feel:boolean"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I1"/></dmn11:informationRequirement>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I8"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="ERFGOED_t" hitPolicy="ANY">
      <dmn11:input id="E_i1"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>monument</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:input id="E_i2"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>plan</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="E_o"/>
      <dmn11:rule id="E_r1"><dmn11:inputEntry><dmn11:text>true</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>true</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="E_r2"><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>true</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>false</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="E_r3"><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>false</dmn11:text></dmn11:outputEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
  <dmn11:decision id="MAAT" name="maat">
    <dmn11:variable name="maat" typeRef="feel:string"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I2"/></dmn11:informationRequirement>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I3"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="MAAT_t" hitPolicy="FIRST">
      <dmn11:input id="M_i1"><dmn11:inputExpression typeRef="feel:string"><dmn11:text>plek</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:input id="M_i2"><dmn11:inputExpression typeRef="feel:number"><dmn11:text>hoogte</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="M_o"/>
      <dmn11:rule id="M_r1"><dmn11:inputEntry><dmn11:text>"Voorkant"</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"groot"</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="M_r2"><dmn11:inputEntry><dmn11:text>"Zijkant","Achterkant"</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>[0..175]</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"klein"</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="M_r3"><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>&gt; 175</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"groot"</dmn11:text></dmn11:outputEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
  <dmn11:decision id="PRIO" name="prio">
    <dmn11:extensionElements><bedr:functioneleStructuurRef href="http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000/id/concept/IndieningsvereistenVergunningBouwenDakkapel"/></dmn11:extensionElements>
    <dmn11:variable name="prio" typeRef="feel:string"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I7"/></dmn11:informationRequirement>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I5"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="PRIO_t" hitPolicy="PRIORITY">
      <dmn11:input id="P_i1"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>tekening</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:input id="P_i2"><dmn11:inputExpression typeRef="feel:date"><dmn11:text>begin</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="P_o" typeRef="feel:string"><dmn11:outputValues><dmn11:text>"onvolledig","volledig"</dmn11:text></dmn11:outputValues></dmn11:output>
      <dmn11:rule id="P_r1"><dmn11:inputEntry><dmn11:text>true</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>&gt;= date("2024-01-01")</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"volledig"</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="P_r2"><dmn11:inputEntry><dmn11:text>not(true)</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"onvolledig"</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="P_r3"><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>&lt; date("2024-01-01")</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"onvolledig"</dmn11:text></dmn11:outputEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
  <dmn11:decision id="SOM" name="som">
    <dmn11:variable name="som" typeRef="feel:number"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I4"/></dmn11:informationRequirement>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I9"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="SOM_t" hitPolicy="COLLECT" aggregation="SUM">
      <dmn11:input id="S_i1"><dmn11:inputExpression typeRef="feel:string"><dmn11:text>materiaal</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:input id="S_i2"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>voorbehoud</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="S_o" typeRef="feel:number"/>
      <dmn11:rule id="S_r1"><dmn11:inputEntry><dmn11:text>"hout"</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>2</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="S_r2"><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>1.5</dmn11:text></dmn11:outputEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
  <dmn11:decision id="UNI" name="uniek">
    <dmn11:variable name="uniek" typeRef="feel:string"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I1"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="UNI_t">
      <dmn11:input id="U_i1"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>monument</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="U_o"/>
      <dmn11:rule id="U_r1"><dmn11:inputEntry><dmn11:text>true</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"ja"</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="U_r2"><dmn11:inputEntry><dmn11:text>false</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"nee"</dmn11:text></dmn11:outputEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
  <dmn11:decision id="RO" name="volgorde">
    <dmn11:variable name="volgorde" typeRef="feel:string"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I1"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="RO_t" hitPolicy="RULE ORDER">
      <dmn11:input id="R_i1"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>monument</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="R_o"/>
      <dmn11:rule id="R_r1"><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"altijd"</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="R_r2"><dmn11:inputEntry><dmn11:text>true</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"monument"</dmn11:text></dmn11:outputEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
  <dmn11:decision id="OO" name="uitvoervolgorde">
    <dmn11:variable name="uitvoervolgorde" typeRef="feel:string"/>
    <dmn11:informationRequirement><dmn11:requiredInput href="#I1"/></dmn11:informationRequirement>
    <dmn11:decisionTable id="OO_t" hitPolicy="OUTPUT ORDER">
      <dmn11:input id="O_i1"><dmn11:inputExpression typeRef="feel:boolean"><dmn11:text>monument</dmn11:text></dmn11:inputExpression></dmn11:input>
      <dmn11:output id="O_o"><dmn11:outputValues><dmn11:text>"b","a"</dmn11:text></dmn11:outputValues></dmn11:output>
      <dmn11:rule id="O_r1"><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"a"</dmn11:text></dmn11:outputEntry></dmn11:rule>
      <dmn11:rule id="O_r2"><dmn11:inputEntry><dmn11:text>-</dmn11:text></dmn11:inputEntry><dmn11:outputEntry><dmn11:text>"b"</dmn11:text></dmn11:outputEntry></dmn11:rule>
    </dmn11:decisionTable>
  </dmn11:decision>
</dmn11:definitions>
"""


@pytest.fixture(scope="module")
def alles():
    return parser.lees(ALLES, "alles.dmn")


def test_the_synthetic_file_really_uses_every_feature(alles):
    vragen = [u for u in alles.uitvoeringsregels if u.soort == "vraag"]
    assert {u.soort for u in alles.uitvoeringsregels} == set(SOORTEN)
    assert {u.gegevens_type for u in vragen} == set(GEGEVENSTYPEN)
    assert {b.tabel.hit_policy for b in alles.besluiten} == set(HIT_POLICIES)
    assert len(alles.regelgroepen) == 2 and len(alles.top_besluiten) == 2
    monument = alles.uitvoeringsregel("U1")
    assert (monument.toelichting, monument.lange_toelichting, monument.belangrijk) == (
        "Kijk in het **monumentenregister**.",
        "Een rijks- of gemeentelijk monument.",
        True,
    )
    assert (monument.bereik, monument.herbruikbaar_id, monument.prioriteit, monument.regelgroep) == (
        "werkzaamheid",
        "monument",
        10,
        "groep1",
    )
    assert [(o.tekst, o.sequence_id, o.toelichting) for o in alles.uitvoeringsregel("U2").opties][0] == (
        "Voorkant",
        "1",
        "Aan de straatkant.",
    )
    assert alles.uitvoeringsregel("U6").locatie == "nl.imow-gm0400.gebied.BeschermdDorpsgezicht"
    assert alles.uitvoeringsregel("U7").bijlage_type == "Bouwtekening"
    assert alles.uitvoeringsregel("U9").tekst_voorbehoud == "Onder voorbehoud van de welstandsnota."
    assert alles.uitvoeringsregel("U9").waarde == "false"
    top = alles.besluit("TOP")
    assert top.tabel.regels[0].toelichtingen == (
        "In het beschermd dorpsgezicht hebt u een vergunning nodig.",
    )
    assert top.tabel.regels[0].annotaties == ("/akn/nl/act/gm0400/2024/omgevingsplan/art_5.1",)
    assert top.tabel.annotatie_kolommen == ("Artikel",)
    assert top.vereiste_besluiten == ("ERFGOED", "MAAT")
    assert alles.besluit("SOM").tabel.aggregatie == "SUM"
    assert alles.besluit("UNI").tabel.hit_policy == "UNIQUE"  # the DMN default when hitPolicy is absent


def _rond(bestand, naam: str):
    uit = naar_dmn(bestand)
    assert etree.QName(etree.fromstring(uit)).namespace == DMN12
    return parser.lees(uit, naam)


def test_round_trip_of_the_synthetic_file(alles):
    terug = _rond(alles, "alles.dmn")
    assert terug == alles
    assert terug.dmn_versie == "1.2"
    assert _rond(terug, "alles.dmn") == alles


def test_the_exported_file_decides_the_same(alles):
    terug = _rond(alles, "alles.dmn")
    antwoorden = {"gezicht": False, "monument": False, "plan": False, "plek": "Zijkant", "hoogte": 150}
    for bestand in (alles, terug):
        assert beslis(bestand, antwoorden).waarde == "Toestemmingsvrij"
        assert beslis(bestand, antwoorden | {"hoogte": 200}).waarde == "Meldingsplicht"
        assert beslis(bestand, {"gezicht": True}).waarde == "Vergunningplicht"


@pytest.mark.conformance
def test_round_trip_of_every_geonovum_file():
    bestanden = geonovum_dmn()
    assert len(bestanden) == 3
    for naam, inhoud in bestanden.items():
        bestand = parser.lees(inhoud, naam)
        assert _rond(bestand, naam) == bestand, naam
