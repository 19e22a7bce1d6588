package org.dermkg.ontology.vocab;

/**
 * IRIs of the data vocabulary (prefix {@code dkg:}) that describes Derm1M images and captions, and
 * of the named graphs of the store. Documented in {@code data/vocabulary.ttl}.
 */
public final class Dkg {
  public static final String NS = "https://w3id.org/dermkg/vocab#";
  public static final String IMAGE_NS = Derm.NS + "image/";
  public static final String GRAPH_NS = Derm.NS + "graph/";

  /** Named graph holding derm.owl and this vocabulary. */
  public static final String ONTOLOGY_GRAPH = GRAPH_NS + "ontology";

  /** Named graph holding images and captions. */
  public static final String IMAGES_GRAPH = GRAPH_NS + "images";

  /** Named graph holding embedding models and each image's link to its vectors. */
  public static final String EMBEDDINGS_GRAPH = GRAPH_NS + "embeddings";

  /** Namespace of embedding model IRIs. */
  public static final String MODEL_NS = Derm.NS + "model/";

  public static final String EMBEDDING_MODEL = NS + "EmbeddingModel";
  public static final String EMBEDDING = NS + "Embedding";
  public static final String HAS_EMBEDDING = NS + "hasEmbedding";
  public static final String MODEL = NS + "model";
  public static final String ROW = NS + "row";
  public static final String MODEL_ID = NS + "modelId";
  public static final String DIMENSION = NS + "dimension";
  public static final String VECTOR_FILE = NS + "vectorFile";

  /** Named graph holding one record per load. */
  public static final String LOADS_GRAPH = GRAPH_NS + "loads";

  public static final String IMAGE = NS + "Image";
  public static final String CAPTION = NS + "Caption";
  public static final String LOAD = NS + "Load";

  public static final String FILENAME = NS + "filename";
  public static final String SPLIT = NS + "split";
  public static final String FILE_STATUS = NS + "fileStatus";
  public static final String FORMAT = NS + "format";
  public static final String WIDTH = NS + "width";
  public static final String HEIGHT = NS + "height";
  public static final String CAPTION_PROP = NS + "caption";
  public static final String TEXT = NS + "text";
  public static final String TRUNCATED_TEXT = NS + "truncatedText";
  public static final String SOURCE = NS + "source";
  public static final String SOURCE_TYPE = NS + "sourceType";
  public static final String AGE = NS + "age";
  public static final String AGE_YEARS = NS + "ageYears";
  public static final String GENDER = NS + "gender";
  public static final String SYMPTOM = NS + "symptom";
  public static final String BODY_SITE = NS + "bodySite";
  public static final String BODY_SITE_TEXT = NS + "bodySiteText";
  public static final String CONCEPT = NS + "concept";
  public static final String CONCEPT_TEXT = NS + "conceptText";
  public static final String DIAGNOSIS = NS + "diagnosis";
  public static final String DIAGNOSIS_UNDER = NS + "diagnosisUnder";
  public static final String DISEASE_LABEL = NS + "diseaseLabel";
  public static final String HIERARCHICAL_LABEL = NS + "hierarchicalLabel";
  public static final String UNRESOLVED_DIAGNOSIS = NS + "unresolvedDiagnosis";

  /** Load records. */
  public static final String LOADED_AT = NS + "loadedAt";

  public static final String INPUT_FILE = NS + "inputFile";
  public static final String ONTOLOGY_VERSION = NS + "ontologyVersion";
  public static final String ROWS = NS + "rows";
  public static final String REJECTED_ROWS = NS + "rejectedRows";

  /** Benchmark datasets (HAM10000, Fitzpatrick17k, ...): each in its own graph. */
  public static final String DATASET_GRAPH_NS = GRAPH_NS + "dataset/";

  public static final String DATASET_NS = Derm.NS + "dataset/";
  public static final String DATASET = NS + "Dataset";
  public static final String DATASET_IMAGE = NS + "DatasetImage";
  public static final String IN_DATASET = NS + "inDataset";
  public static final String IMAGE_TYPE = NS + "imageType";
  public static final String LABEL_SET = NS + "labelSet";
  public static final String ORIGINAL_LABEL = NS + "originalLabel";
  public static final String FITZPATRICK = NS + "fitzpatrick";
  public static final String SKIN_TONE = NS + "skinTone";
  public static final String CONFIRMATION = NS + "confirmation";
  public static final String PATIENT_ID = NS + "patientId";
  public static final String LESION_ID = NS + "lesionId";
  public static final String IMAGE_ID = NS + "imageId";

  /** Evaluation runs of derm evaluate --dataset, one node per run in the evaluations graph. */
  public static final String EVALUATIONS_GRAPH = GRAPH_NS + "evaluations";

  public static final String EVALUATION_NS = Derm.NS + "evaluation/";
  public static final String EVALUATION = NS + "Evaluation";
  public static final String EVALUATED_ON = NS + "evaluatedOn";
  public static final String MODEL_NAME = NS + "modelName";
  public static final String STRATEGIES = NS + "strategies";
  public static final String PROMPT_SET_HASH = NS + "promptSetHash";
  public static final String IMAGES = NS + "images";
  public static final String TOP1 = NS + "top1";
  public static final String TOP5 = NS + "top5";
  public static final String MEAN_RECALL = NS + "meanRecall";
  public static final String MACRO_AUROC = NS + "macroAuroc";

  /** Concepts predicted by a model: one graph per model slug, beside this prefix. */
  public static final String PREDICTED_CONCEPTS_GRAPH_NS = GRAPH_NS + "predicted-concepts/";

  public static final String CONCEPT_RUN_NS = Derm.NS + "concept-run/";
  public static final String CONCEPT_RUN = NS + "ConceptRun";
  public static final String CONCEPT_PREDICTION = NS + "ConceptPrediction";
  public static final String PREDICTED_CONCEPT = NS + "predictedConcept";
  public static final String PREDICTION_OF = NS + "image";
  public static final String SCORE = NS + "score";
  public static final String IN_RUN = NS + "run";
  public static final String THRESHOLD = NS + "threshold";
  public static final String TOP_K = NS + "topK";
  public static final String VECTOR_ROWS = NS + "vectorRows";
  public static final String IDS_HASH = NS + "idsHash";
  public static final String SCORED_UNDER = NS + "scoredUnder";
  public static final String CALIBRATION = NS + "calibration";
  public static final String MEAN = NS + "mean";
  public static final String SD = NS + "sd";
  public static final String HAS_SLICE = NS + "hasSlice";
  public static final String SLICE = NS + "slice";
  public static final String TOP1_LOW = NS + "top1Low";
  public static final String TOP1_HIGH = NS + "top1High";
  public static final String HAS_LEVEL = NS + "hasLevelAccuracy";
  public static final String LEVEL = NS + "level";
  public static final String ACCURACY = NS + "accuracy";

  /** Per-image values a dataset keeps that have no property of their own: this + column name. */
  public static final String ATTRIBUTE_NS = Derm.NS + "vocab/attribute#";

  private Dkg() {}

  /** A benchmark dataset's IRI: its name, percent-encoded, in {@link #DATASET_NS}. */
  public static String dataset(String name) {
    return DATASET_NS
        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
  }
}
