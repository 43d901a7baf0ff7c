"""STTR (toepasbare regels as DMN 1.1/1.2 with the DSO extensions): model, FEEL, parser, export, engine.

Pure Python: nothing here touches the database, so the engine can be tested and benchmarked alone and
the Django layer (`toepasbare_regels.vergunningcheck`) feeds it answers, geo facts and data facts.
"""
