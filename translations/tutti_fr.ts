<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>FlowVersion</name>
    <message>
        <source>unsaved edits of %1</source>
        <translation>modifications non enregistrées de %1</translation>
    </message>
    <message>
        <source>%1 as saved</source>
        <translation>%1 tel qu&apos;enregistré</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>AWS Step Functions (ASL)</source>
        <translation>AWS Step Functions (ASL)</translation>
    </message>
    <message>
        <source>Argo Workflows (Workflow YAML)</source>
        <translation>Argo Workflows (YAML de Workflow)</translation>
    </message>
    <message>
        <source>Deployment bundle (tutti serve: Docker, Kubernetes, systemd)</source>
        <translation>Paquet de déploiement (tutti serve : Docker, Kubernetes, systemd)</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>sur %1</translation>
    </message>
    <message>
        <source>when %1</source>
        <translation>si %1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>sinon</translation>
    </message>
    <message>
        <source>next</source>
        <translation>suivant</translation>
    </message>
    <message>
        <source>undo: %1</source>
        <translation>annulation : %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n hidden step(s)</source>
        <translation>
            <numerusform>%1 · %n étape masquée</numerusform>
            <numerusform>%1 · %n étapes masquées</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>nouvelle tentative</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>compensated</source>
        <translation>compensé</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>Breakpoint</source>
        <translation>Point d&apos;arrêt</translation>
    </message>
    <message>
        <source>Breakpoint when %1</source>
        <translation>Point d&apos;arrêt si %1</translation>
    </message>
    <message>
        <source>paused here</source>
        <translation>en pause ici</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Design, run and break API orchestration flows.</source>
        <translation>Concevoir, exécuter et mettre à l&apos;épreuve des flux d&apos;orchestration d&apos;API.</translation>
    </message>
    <message>
        <source>A workspace folder, or a file to open: a flow (*.flow.yaml), mock (*.mock.yaml) or profile (*.profile.yaml).</source>
        <translation>Un dossier d&apos;espace de travail, ou un fichier à ouvrir : un flux (*.flow.yaml), un mock (*.mock.yaml) ou un profil (*.profile.yaml).</translation>
    </message>
    <message>
        <source>Render the window to FILE (PNG) and quit.</source>
        <translation>Enregistrer la fenêtre dans FICHIER (PNG) et quitter.</translation>
    </message>
    <message>
        <source>Window size for --screenshot, WxH.</source>
        <translation>Taille de la fenêtre pour --screenshot, LxH.</translation>
    </message>
    <message>
        <source>With --screenshot: &apos;run&apos; or &apos;simulate&apos; first, render when done.</source>
        <translation>Avec --screenshot : d&apos;abord « run » ou « simulate », puis capturer.</translation>
    </message>
    <message>
        <source>Run input (JSON) for --after run.</source>
        <translation>Entrée (JSON) pour --after run.</translation>
    </message>
    <message>
        <source>Mock profile file name.</source>
        <translation>Nom de fichier du profil de mock.</translation>
    </message>
    <message>
        <source>Runs for --after simulate.</source>
        <translation>Nombre d&apos;exécutions pour --after simulate.</translation>
    </message>
    <message>
        <source>Step to select (inspector).</source>
        <translation>Étape à sélectionner (inspecteur).</translation>
    </message>
    <message>
        <source>Run seed for --after run.</source>
        <translation>Graine pour --after run.</translation>
    </message>
    <message>
        <source>Open a stored run in the run viewer (its id, or a prefix only it has), its flow painted with it.</source>
        <translation>Ouvrir une exécution enregistrée dans la visionneuse d&apos;exécutions (son id, ou un préfixe qu&apos;elle seule a), son flux coloré en conséquence.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::CodeEditor</name>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>JSON non valide : %1</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>Colonne %1 : %2</translation>
    </message>
</context>
<context>
    <name>tutti::editor::Commands</name>
    <message>
        <source>Add step %1</source>
        <translation>Ajouter l&apos;étape %1</translation>
    </message>
    <message>
        <source>Delete step %1</source>
        <translation>Supprimer l&apos;étape %1</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>Renommer %1 en %2</translation>
    </message>
    <message>
        <source>Move step %1</source>
        <translation>Déplacer l&apos;étape %1</translation>
    </message>
    <message>
        <source>Edit YAML</source>
        <translation>Modifier le YAML</translation>
    </message>
    <message>
        <source>Collapse %1</source>
        <translation>Replier %1</translation>
    </message>
    <message>
        <source>Expand %1</source>
        <translation>Déplier %1</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>Relier %1 à %2</translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation>Détacher %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>Supprimer %n étape</numerusform>
            <numerusform>Supprimer %n étapes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n step(s)</source>
        <translation>
            <numerusform>Coller %n étape</numerusform>
            <numerusform>Coller %n étapes</numerusform>
        </translation>
    </message>
    <message>
        <source>Place pasted steps</source>
        <translation>Placer les étapes collées</translation>
    </message>
</context>
<context>
    <name>tutti::editor::DebugPanel</name>
    <message>
        <source>Stack</source>
        <translation>Pile</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Contexte :</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Send the edited value to the paused run; the next steps read it</source>
        <translation>Envoyer la valeur modifiée à l&apos;exécution en pause ; les étapes suivantes la lisent</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Evaluate:</source>
        <translation>Évaluer :</translation>
    </message>
    <message>
        <source>an expression, e.g. steps.reserve.body.id</source>
        <translation>une expression, p. ex. steps.reserve.body.id</translation>
    </message>
    <message>
        <source>%1  (%2:%3)</source>
        <translation>%1  (%2:%3)</translation>
    </message>
    <message>
        <source>Open a flow to debug it.</source>
        <translation>Ouvrez un flux pour le déboguer.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt; before &lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;En pause&lt;/b&gt; avant &lt;b&gt;%1&lt;/b&gt; : %2</translation>
    </message>
    <message>
        <source>Running under the debugger…</source>
        <translation>Exécution sous le débogueur…</translation>
    </message>
    <message>
        <source>Not debugging. Select a step and press F9 for a breakpoint, then Ctrl+F5 to debug the flow.</source>
        <translation>Pas de débogage. Sélectionnez une étape et appuyez sur F9 pour un point d&apos;arrêt, puis sur Ctrl+F5 pour déboguer le flux.</translation>
    </message>
    <message numerus="yes">
        <source>Not debugging: %n breakpoint(s) set. Ctrl+F5 debugs the flow with the Run panel&apos;s input and environment.</source>
        <translation>
            <numerusform>Pas de débogage : %n point d&apos;arrêt défini. Ctrl+F5 débogue le flux avec l&apos;entrée et l&apos;environnement du panneau Exécution.</numerusform>
            <numerusform>Pas de débogage : %n points d&apos;arrêt définis. Ctrl+F5 débogue le flux avec l&apos;entrée et l&apos;environnement du panneau Exécution.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not applied: the text is not valid JSON (%1).</source>
        <translation>Non appliqué : le texte n&apos;est pas du JSON valide (%1).</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Non appliqué : %1</translation>
    </message>
    <message>
        <source>Applied: the next steps read the new %1 (recorded in the trace).</source>
        <translation>Appliqué : les étapes suivantes lisent le nouveau %1 (enregistré dans la trace).</translation>
    </message>
    <message>
        <source>request (what will be sent)</source>
        <translation>request (ce qui sera envoyé)</translation>
    </message>
    <message>
        <source>Rendered from the context as it is now: edit input, vars or steps and the request follows. Secrets show redacted.</source>
        <translation>Calculée à partir du contexte actuel : modifiez input, vars ou steps et la requête suit. Les secrets sont masqués.</translation>
    </message>
    <message>
        <source>Only the step about to run has a request to preview.</source>
        <translation>Seule l’étape sur le point de s’exécuter a une requête à prévisualiser.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::EnvironmentPicker</name>
    <message>
        <source>mock: every service answers from its mock, no network. Other names come from the workspace&apos;s tutti.yaml and reach real services.</source>
        <translation>mock : chaque service répond depuis son mock, sans réseau. Les autres noms viennent du tutti.yaml de l&apos;espace de travail et atteignent les vrais services.</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Environnement :</translation>
    </message>
    <message>
        <source>Overlay latency and faults on the mocks (profiles/*.profile.yaml)</source>
        <translation>Appliquer latence et pannes aux mocks (profiles/*.profile.yaml)</translation>
    </message>
    <message>
        <source>Mock profile:</source>
        <translation>Profil de mock :</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FaultsEditor</name>
    <message>
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Add fault</source>
        <translation>Ajouter une panne</translation>
    </message>
    <message>
        <source>Inherit</source>
        <translation>Hériter</translation>
    </message>
    <message>
        <source>Remove this list: the faults of the level above apply</source>
        <translation>Supprimer cette liste : les pannes du niveau supérieur s&apos;appliquent</translation>
    </message>
    <message>
        <source>What a step sees with</source>
        <translation>Ce qu&apos;une étape voit avec</translation>
    </message>
    <message>
        <source> retries</source>
        <translation> réessais</translation>
    </message>
    <message>
        <source>The step&apos;s retry.retries: attempts = retries + 1</source>
        <translation>Le retry.retries de l&apos;étape : tentatives = réessais + 1</translation>
    </message>
    <message>
        <source>e.g. 2s</source>
        <translation>p. ex. 2s</translation>
    </message>
    <message>
        <source>Remove this fault</source>
        <translation>Supprimer cette panne</translation>
    </message>
    <message>
        <source>Not set here: %1. </source>
        <translation>Non défini ici : %1. </translation>
    </message>
    <message>
        <source>inherited</source>
        <translation>hérité</translation>
    </message>
    <message>
        <source>No faults: every request gets its answer.</source>
        <translation>Aucune panne : chaque requête reçoit sa réponse.</translation>
    </message>
    <message>
        <source>slower answer</source>
        <translation>réponse plus lente</translation>
    </message>
    <message>
        <source>Each request fails &lt;b&gt;%1&lt;/b&gt; (%2). A step with %3 retries (%4 attempts; retried by default: %5) still fails &lt;b&gt;%6&lt;/b&gt; of the time and sends %7 requests on average.</source>
        <translation>Chaque requête échoue dans &lt;b&gt;%1&lt;/b&gt; des cas (%2). Une étape avec %3 réessais (%4 tentatives ; réessayé par défaut : %5) échoue encore dans &lt;b&gt;%6&lt;/b&gt; des cas et envoie %7 requêtes en moyenne.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FindBar</name>
    <message>
        <source>Find step: id, name, type or URL</source>
        <translation>Rechercher une étape : id, nom, type ou URL</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3, Shift+Enter)</source>
        <translation>Occurrence précédente (Maj+F3, Maj+Entrée)</translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation>Occurrence suivante (F3, Entrée)</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>Fermer (Échap)</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Aucune occurrence</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FlowEditor</name>
    <message>
        <source>YAML does not parse: %1</source>
        <translation>Le YAML ne s&apos;analyse pas : %1</translation>
    </message>
    <message>
        <source>The edit replaced your typing in the YAML view; Ctrl+Z there brings it back.</source>
        <translation>La modification a remplacé votre saisie dans la vue YAML ; Ctrl+Z dans celle-ci la rétablit.</translation>
    </message>
    <message>
        <source>%1 does not parse — %2. Your text is kept as typed; Run and Simulate are refused until it parses.</source>
        <translation>%1 ne s&apos;analyse pas — %2. Votre texte est conservé tel que saisi ; l&apos;exécution et la simulation sont refusées tant qu&apos;il ne s&apos;analyse pas.</translation>
    </message>
    <message>
        <source>untitled.flow.yaml</source>
        <translation>sans-titre.flow.yaml</translation>
    </message>
    <message>
        <source>Rename step</source>
        <translation>Renommer l&apos;étape</translation>
    </message>
    <message>
        <source>New id for %1:</source>
        <translation>Nouvel id pour %1 :</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FlowScene</name>
    <message>
        <source>Double-click a step type in the palette or drag it here</source>
        <translation>Double-cliquez sur un type d&apos;étape dans la palette ou faites-le glisser ici</translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>Déplacer %n étape</numerusform>
            <numerusform>Déplacer %n étapes</numerusform>
        </translation>
    </message>
    <message>
        <source>Automatic layout</source>
        <translation>Disposition automatique</translation>
    </message>
    <message>
        <source>Cannot add a %1 step here</source>
        <translation>Impossible d&apos;ajouter une étape %1 ici</translation>
    </message>
    <message>
        <source>Add step %1</source>
        <translation>Ajouter l&apos;étape %1</translation>
    </message>
    <message>
        <source>Make room</source>
        <translation>Faire de la place</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n connection(s)</source>
        <translation>
            <numerusform>Supprimer %n liaison</numerusform>
            <numerusform>Supprimer %n liaisons</numerusform>
        </translation>
    </message>
    <message>
        <source>Align steps</source>
        <translation>Aligner les étapes</translation>
    </message>
    <message>
        <source>A step named %1 already exists</source>
        <translation>Une étape nommée %1 existe déjà</translation>
    </message>
</context>
<context>
    <name>tutti::editor::HistoryModel</name>
    <message>
        <source>Cannot read the trace database %1: %2</source>
        <translation>Impossible de lire la base de traces %1 : %2</translation>
    </message>
    <message>
        <source>%1 (at %2)</source>
        <translation>%1 (étape %2)</translation>
    </message>
    <message>
        <source> (virtual time)</source>
        <translation> (temps virtuel)</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>en cours…</translation>
    </message>
    <message>
        <source>Click to sort</source>
        <translation>Cliquer pour trier</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>tutti::editor::HistoryPanel</name>
    <message>
        <source>Search run id or error text…</source>
        <translation>Rechercher un id d&apos;exécution ou un texte d&apos;erreur…</translation>
    </message>
    <message>
        <source>A run id or its start (the run_ part may be left out), or text in the run&apos;s error: its name, message or step</source>
        <translation>Un id d&apos;exécution ou son début (la partie run_ peut être omise), ou un texte de l&apos;erreur de l&apos;exécution : son nom, son message ou son étape</translation>
    </message>
    <message>
        <source>Only the runs of this flow</source>
        <translation>Seulement les exécutions de ce flux</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout statut</translation>
    </message>
    <message>
        <source>Every run is kept in this database. To free space, delete old runs from a terminal:
  tutti trace prune --older-than 30d
  tutti trace prune --keep 10000
(tutti trace stats shows the same figures)</source>
        <translation>Chaque exécution est conservée dans cette base. Pour libérer de la place, supprimez les anciennes exécutions depuis un terminal :
  tutti trace prune --older-than 30d
  tutti trace prune --keep 10000
(tutti trace stats affiche les mêmes chiffres)</translation>
    </message>
    <message>
        <source>All flows</source>
        <translation>Tous les flux</translation>
    </message>
    <message>
        <source>%1 runs · %2 on disk · free space: tutti trace prune --older-than 30d</source>
        <translation>%1 exécutions · %2 sur le disque · libérer de la place : tutti trace prune --older-than 30d</translation>
    </message>
    <message>
        <source>size unknown: %1</source>
        <translation>taille inconnue : %1</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>1 matching run</source>
        <translation>1 exécution correspondante</translation>
    </message>
    <message>
        <source>%1 matching runs</source>
        <translation>%1 exécutions correspondantes</translation>
    </message>
    <message>
        <source>%1 shown of %2 matching runs</source>
        <translation>%1 affichées sur %2 exécutions correspondantes</translation>
    </message>
    <message>
        <source>Open a workspace to see its runs.</source>
        <translation>Ouvrez un espace de travail pour voir ses exécutions.</translation>
    </message>
    <message>
        <source>No runs yet. Run a flow (F5) or simulate it (F6): every run is kept here, as are runs of `tutti run` in this workspace.</source>
        <translation>Aucune exécution pour l&apos;instant. Exécutez un flux (F5) ou simulez-le (F6) : chaque exécution est conservée ici, de même que celles de `tutti run` dans cet espace de travail.</translation>
    </message>
    <message>
        <source>No run matches these filters.</source>
        <translation>Aucune exécution ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Ouvrir l&apos;exécution</translation>
    </message>
    <message>
        <source>Copy Run Id</source>
        <translation>Copier l&apos;id d&apos;exécution</translation>
    </message>
    <message>
        <source>Copy `tutti trace show` Command</source>
        <translation>Copier la commande `tutti trace show`</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Toute période</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Older than 30 days</source>
        <translation>Plus de 30 jours</translation>
    </message>
</context>
<context>
    <name>tutti::editor::Inspector</name>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessai</translation>
    </message>
    <message>
        <source>Errors and undo</source>
        <translation>Erreurs et annulation</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Étape suivante</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Comportement</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Full URL</source>
        <translation>URL complète</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Paramètres de requête</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <source>Body (JSON)</source>
        <translation>Corps (JSON)</translation>
    </message>
    <message>
        <source>Form body</source>
        <translation>Corps de formulaire</translation>
    </message>
    <message>
        <source>URL shorthand</source>
        <translation>URL abrégée</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Délai d&apos;expiration</translation>
    </message>
    <message>
        <source>Success statuses</source>
        <translation>Statuts de succès</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>Allow host from input</source>
        <translation>Autoriser l&apos;hôte venant de l&apos;entrée</translation>
    </message>
    <message>
        <source>Largest body</source>
        <translation>Corps maximal</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Définir</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cas</translation>
    </message>
    <message>
        <source>Otherwise go to</source>
        <translation>Sinon aller à</translation>
    </message>
    <message>
        <source>When a branch fails</source>
        <translation>Si une branche échoue</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Item name</source>
        <translation>Nom de l&apos;élément</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Concurrence</translation>
    </message>
    <message>
        <source>Tolerate failures</source>
        <translation>Tolérer des échecs</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu&apos;à</translation>
    </message>
    <message>
        <source>Flow file</source>
        <translation>Fichier de flux</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>Statut HTTP</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corps</translation>
    </message>
    <message>
        <source>Error name</source>
        <translation>Nom de l&apos;erreur</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Retry on</source>
        <translation>Réessayer sur</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Réessais</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalle</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>Temporisation</translation>
    </message>
    <message>
        <source>Max delay</source>
        <translation>Délai max.</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Gigue</translation>
    </message>
    <message>
        <source>Respect Retry-After</source>
        <translation>Respecter Retry-After</translation>
    </message>
    <message>
        <source>Catch</source>
        <translation>Intercepter</translation>
    </message>
    <message>
        <source>Compensate</source>
        <translation>Compenser</translation>
    </message>
    <message>
        <source>Then go to</source>
        <translation>Puis aller à</translation>
    </message>
    <message>
        <source>End the run here</source>
        <translation>Terminer l&apos;exécution ici</translation>
    </message>
    <message>
        <source> (default %1)</source>
        <translation> (par défaut %1)</translation>
    </message>
    <message>
        <source>Required. %1</source>
        <translation>Obligatoire. %1</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Par défaut : %1</translation>
    </message>
    <message>
        <source>Select a step on the canvas to edit its fields here.</source>
        <translation>Sélectionnez une étape sur le canevas pour modifier ses champs ici.</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Unique step id; references to it are renamed too</source>
        <translation>Id d&apos;étape unique ; les références à celle-ci sont renommées aussi</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Flow default: %1</source>
        <translation>Valeur par défaut du flux : %1</translation>
    </message>
    <message>
        <source>Branches and their steps are edited on the canvas.</source>
        <translation>Les branches et leurs étapes se modifient sur le canevas.</translation>
    </message>
    <message>
        <source>The body&apos;s steps are edited on the canvas.</source>
        <translation>Les étapes du corps se modifient sur le canevas.</translation>
    </message>
    <message>
        <source>(default: %1)</source>
        <translation>(par défaut : %1)</translation>
    </message>
    <message>
        <source>Expected a whole number</source>
        <translation>Nombre entier attendu</translation>
    </message>
    <message>
        <source>Expected a number, like 2.0</source>
        <translation>Nombre attendu, comme 2.0</translation>
    </message>
    <message>
        <source>Expected a duration like 250ms, 5s, 2m or 1h</source>
        <translation>Durée attendue, comme 250ms, 5s, 2m ou 1h</translation>
    </message>
    <message>
        <source>Edit %1 of %2</source>
        <translation>Modifier %1 de %2</translation>
    </message>
    <message>
        <source>what this step is for</source>
        <translation>à quoi sert cette étape</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Last run (%1): %2</source>
        <translation>Dernière exécution (%1) : %2</translation>
    </message>
    <message>
        <source> in %1</source>
        <translation> en %1</translation>
    </message>
    <message>
        <source>, attempt %1</source>
        <translation>, tentative %1</translation>
    </message>
    <message>
        <source>(not recorded: only HTTP requests record what they send)</source>
        <translation>(non enregistré : seules les requêtes HTTP enregistrent ce qu&apos;elles envoient)</translation>
    </message>
    <message>
        <source>(still running)</source>
        <translation>(toujours en cours)</translation>
    </message>
</context>
<context>
    <name>tutti::editor::JsonView</name>
    <message>
        <source>Find in JSON</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Occurrence précédente (Maj+Entrée)</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>Occurrence suivante (Entrée, F3)</translation>
    </message>
    <message>
        <source>Fold</source>
        <translation>Replier</translation>
    </message>
    <message>
        <source>Fold every object and array (click a ⊟ in the margin for one)</source>
        <translation>Replier tous les objets et tableaux (cliquez sur un ⊟ dans la marge pour un seul)</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>aucune occurrence</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 occurrence</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 occurrences</translation>
    </message>
</context>
<context>
    <name>tutti::editor::LatencyEditor</name>
    <message>
        <source>not set</source>
        <translation>non défini</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>p. ex. %1</translation>
    </message>
    <message>
        <source>A duration: 80ms, 1.5s, or a bare number of milliseconds</source>
        <translation>Une durée : 80ms, 1.5s, ou un nombre de millisecondes</translation>
    </message>
    <message>
        <source> (not set here: %1)</source>
        <translation> (non défini ici : %1)</translation>
    </message>
    <message>
        <source>inherited</source>
        <translation>hérité</translation>
    </message>
    <message>
        <source>No latency: answers at once.</source>
        <translation>Aucune latence : réponse immédiate.</translation>
    </message>
    <message>
        <source>Not set here: %1.</source>
        <translation>Non défini ici : %1.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#15803d&apos;&gt;p50 &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; &amp;nbsp; &lt;span style=&apos;color:#b91c1c&apos;&gt;p99 &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;of %L3 draws%4&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#15803d&apos;&gt;p50 &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; &amp;nbsp; &lt;span style=&apos;color:#b91c1c&apos;&gt;p99 &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;sur %L3 tirages%4&lt;/span&gt;</translation>
    </message>
    <message>
        <source>latency, ms</source>
        <translation>latence, ms</translation>
    </message>
</context>
<context>
    <name>tutti::editor::MiniMap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Vue d&apos;ensemble : cliquez ou faites glisser pour déplacer la vue</translation>
    </message>
</context>
<context>
    <name>tutti::editor::MockEditor</name>
    <message>
        <source>Problems as `tutti` reports them; click one to go to its line</source>
        <translation>Problèmes tels que `tutti` les signale ; cliquez sur l&apos;un pour aller à sa ligne</translation>
    </message>
    <message>
        <source>Try it — the mock answers in-process</source>
        <translation>Essayer — le mock répond dans le processus</translation>
    </message>
    <message>
        <source>Edit YAML</source>
        <translation>Modifier le YAML</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Ligne %1, colonne %2 : %3</translation>
    </message>
    <message>
        <source>✓ valid: `tutti` loads this file as it is</source>
        <translation>✓ valide : `tutti` charge ce fichier tel quel</translation>
    </message>
    <message>
        <source>The YAML does not parse (line %1, column %2: %3). The form shows the last version that parsed; Save keeps the text as typed.</source>
        <translation>Le YAML ne s&apos;analyse pas (ligne %1, colonne %2 : %3). Le formulaire montre la dernière version analysable ; l&apos;enregistrement garde le texte tel que saisi.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::MockForm</name>
    <message>
        <source>any</source>
        <translation>toute</translation>
    </message>
    <message>
        <source>(any path)</source>
        <translation>(tout chemin)</translation>
    </message>
    <message>
        <source>Add route</source>
        <translation>Ajouter une route</translation>
    </message>
    <message>
        <source>Remove route</source>
        <translation>Supprimer la route</translation>
    </message>
    <message>
        <source>Service &amp; defaults</source>
        <translation>Service et valeurs par défaut</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Rename service</source>
        <translation>Renommer le service</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>payment</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>Modifier la description</translation>
    </message>
    <message>
        <source>what this mock stands in for</source>
        <translation>ce que ce mock remplace</translation>
    </message>
    <message>
        <source>Initial state</source>
        <translation>État initial</translation>
    </message>
    <message>
        <source>Edit state</source>
        <translation>Modifier l&apos;état</translation>
    </message>
    <message>
        <source>Templates read it as &lt;code&gt;state&lt;/code&gt;; routes change it with &lt;code&gt;set_state&lt;/code&gt;.</source>
        <translation>Les modèles le lisent comme &lt;code&gt;state&lt;/code&gt; ; les routes le modifient avec &lt;code&gt;set_state&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>Default latency (routes without their own)</source>
        <translation>Latence par défaut (routes sans la leur)</translation>
    </message>
    <message>
        <source>Edit default latency</source>
        <translation>Modifier la latence par défaut</translation>
    </message>
    <message>
        <source>Default faults (routes without their own)</source>
        <translation>Pannes par défaut (routes sans les leurs)</translation>
    </message>
    <message>
        <source>Edit default faults</source>
        <translation>Modifier les pannes par défaut</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Correspondance</translation>
    </message>
    <message>
        <source>any method</source>
        <translation>toute méthode</translation>
    </message>
    <message>
        <source>Edit route method</source>
        <translation>Modifier la méthode de la route</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Edit route path</source>
        <translation>Modifier le chemin de la route</translation>
    </message>
    <message>
        <source>/charges/{id}  ({name} captures a segment as params.name)</source>
        <translation>/charges/{id}  ({name} capture un segment comme params.name)</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Paramètres de requête</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corps</translation>
    </message>
    <message>
        <source>Edit %1 matcher</source>
        <translation>Modifier le filtre %1</translation>
    </message>
    <message>
        <source>Values or operators: {&quot;gt&quot;: 1000}, {&quot;regex&quot;: &quot;^ab&quot;}, {&quot;exists&quot;: true}, {&quot;in&quot;: [1, 2]}. Body matches are partial.</source>
        <translation>Valeurs ou opérateurs : {&quot;gt&quot;: 1000}, {&quot;regex&quot;: &quot;^ab&quot;}, {&quot;exists&quot;: true}, {&quot;in&quot;: [1, 2]}. Les correspondances de corps sont partielles.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>one response (respond)</source>
        <translation>une réponse (respond)</translation>
    </message>
    <message>
        <source>a sequence (n-th call, last repeats)</source>
        <translation>une séquence (appel n, dernière répétée)</translation>
    </message>
    <message>
        <source>Switch answer kind</source>
        <translation>Changer le type de réponse</translation>
    </message>
    <message>
        <source>Answer with</source>
        <translation>Répondre avec</translation>
    </message>
    <message>
        <source>Default 200</source>
        <translation>200 par défaut</translation>
    </message>
    <message>
        <source>Edit status</source>
        <translation>Modifier le statut</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Edit response headers</source>
        <translation>Modifier les en-têtes de réponse</translation>
    </message>
    <message>
        <source>Body (JSON)</source>
        <translation>Corps (JSON)</translation>
    </message>
    <message>
        <source>Edit response body</source>
        <translation>Modifier le corps de réponse</translation>
    </message>
    <message>
        <source>Edit body text</source>
        <translation>Modifier le texte du corps</translation>
    </message>
    <message>
        <source>or body text</source>
        <translation>ou texte du corps</translation>
    </message>
    <message>
        <source>Templates: {{ request.body.amount }}, {{ params.id }}, {{ state.charges }}, {{ uuid() }}, {{ now() }} — type a root and a dot for completion.</source>
        <translation>Modèles : {{ request.body.amount }}, {{ params.id }}, {{ state.charges }}, {{ uuid() }}, {{ now() }} — tapez une racine et un point pour la complétion.</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Edit sequence</source>
        <translation>Modifier la séquence</translation>
    </message>
    <message>
        <source>A list of {status, headers, body}: the n-th call that reaches this route gets entry n, the last one repeats.</source>
        <translation>Une liste de {status, headers, body} : le n-ième appel qui atteint cette route reçoit l&apos;entrée n, la dernière se répète.</translation>
    </message>
    <message>
        <source>set_state</source>
        <translation>set_state</translation>
    </message>
    <message>
        <source>Edit set_state</source>
        <translation>Modifier set_state</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>the service&apos;s default applies</source>
        <translation>la valeur par défaut du service s&apos;applique</translation>
    </message>
    <message>
        <source>no default either, so the route answers at once</source>
        <translation>pas de valeur par défaut non plus : la route répond immédiatement</translation>
    </message>
    <message>
        <source>Edit route latency</source>
        <translation>Modifier la latence de la route</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>Pannes</translation>
    </message>
    <message>
        <source>Edit route faults</source>
        <translation>Modifier les pannes de la route</translation>
    </message>
</context>
<context>
    <name>tutti::editor::Palette</name>
    <message>
        <source>Search steps…</source>
        <translation>Rechercher des étapes…</translation>
    </message>
    <message>
        <source>%1 (%2): %3
Drag onto the canvas or double-click to add.</source>
        <translation>%1 (%2) : %3
Faites-le glisser sur le canevas ou double-cliquez pour l&apos;ajouter.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::ProblemsPanel</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Click a problem to select its step and field</source>
        <translation>Cliquez sur un problème pour sélectionner son étape et son champ</translation>
    </message>
    <message>
        <source>No problems: the flow is valid.</source>
        <translation>Aucun problème : le flux est valide.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::ProfileForm</name>
    <message>
        <source>Add route overlay</source>
        <translation>Surcharger une route</translation>
    </message>
    <message>
        <source>An overlay for one route of the selected service</source>
        <translation>Une surcharge pour une route du service sélectionné</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>Modifier la description</translation>
    </message>
    <message>
        <source>what this profile simulates</source>
        <translation>ce que ce profil simule</translation>
    </message>
    <message>
        <source>service name, as in its mock</source>
        <translation>nom du service, comme dans son mock</translation>
    </message>
    <message>
        <source>Add service</source>
        <translation>Ajouter un service</translation>
    </message>
    <message>
        <source>Overlay a service</source>
        <translation>Surcharger un service</translation>
    </message>
    <message>
        <source>A service&apos;s latency and faults replace those of each of its routes; a route overlay then replaces them for the routes it names. Several profiles apply in order: later ones win.</source>
        <translation>La latence et les pannes d&apos;un service remplacent celles de chacune de ses routes ; une surcharge de route les remplace ensuite pour les routes qu&apos;elle nomme. Plusieurs profils s&apos;appliquent dans l&apos;ordre : les derniers l&apos;emportent.</translation>
    </message>
    <message>
        <source>each route keeps the mock&apos;s own</source>
        <translation>chaque route garde celles du mock</translation>
    </message>
    <message>
        <source>Route of %1</source>
        <translation>Route de %1</translation>
    </message>
    <message>
        <source>every method</source>
        <translation>toute méthode</translation>
    </message>
    <message>
        <source>Edit overlay method</source>
        <translation>Modifier la méthode de la surcharge</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Edit overlay path</source>
        <translation>Modifier le chemin de la surcharge</translation>
    </message>
    <message>
        <source>exactly as in the mock: /charges/{id}</source>
        <translation>exactement comme dans le mock : /charges/{id}</translation>
    </message>
    <message>
        <source>the service overlay applies</source>
        <translation>la surcharge du service s&apos;applique</translation>
    </message>
    <message>
        <source>the service overlay or the mock&apos;s own applies</source>
        <translation>la surcharge du service ou celle du mock s&apos;applique</translation>
    </message>
    <message>
        <source>the mock&apos;s own applies</source>
        <translation>celle du mock s&apos;applique</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Edit overlay latency</source>
        <translation>Modifier la latence de la surcharge</translation>
    </message>
    <message>
        <source>Faults (an empty list removes the mock&apos;s)</source>
        <translation>Pannes (une liste vide supprime celles du mock)</translation>
    </message>
    <message>
        <source>Edit overlay faults</source>
        <translation>Modifier les pannes de la surcharge</translation>
    </message>
    <message>
        <source>Add service overlay</source>
        <translation>Ajouter une surcharge de service</translation>
    </message>
    <message>
        <source>Remove service overlay</source>
        <translation>Supprimer la surcharge de service</translation>
    </message>
    <message>
        <source>Remove route overlay</source>
        <translation>Supprimer la surcharge de route</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunController</name>
    <message>
        <source>Stopping: cancelling the run and compensating completed steps…</source>
        <translation>Arrêt : annulation de l&apos;exécution et compensation des étapes terminées…</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 en cours</translation>
    </message>
    <message>
        <source>%1 ok</source>
        <translation>%1 ok</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 en échec</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>tentative %1</translation>
    </message>
    <message>
        <source>✓ %1  %2</source>
        <translation>✓ %1  %2</translation>
    </message>
    <message>
        <source>✗ %1  %2  %3</source>
        <translation>✗ %1  %2  %3</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>items: %1</source>
        <translation>éléments : %1</translation>
    </message>
    <message>
        <source>attempt %1 failed</source>
        <translation>tentative %1 en échec</translation>
    </message>
    <message>
        <source>↻ %1  attempt %2 failed after %3  %4</source>
        <translation>↻ %1  tentative %2 en échec après %3  %4</translation>
    </message>
    <message>
        <source>undone in %1</source>
        <translation>annulé en %1</translation>
    </message>
    <message>
        <source>↩ %1  compensated in %2</source>
        <translation>↩ %1  compensé en %2</translation>
    </message>
    <message>
        <source>undo failed</source>
        <translation>échec de l&apos;annulation</translation>
    </message>
    <message>
        <source>✗ %1  compensation failed  %2</source>
        <translation>✗ %1  échec de la compensation  %2</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>Stored run %1 of %2, started %3</source>
        <translation>Exécution enregistrée %1 de %2, démarrée %3</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunDiffView</name>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>A status</source>
        <translation>Statut A</translation>
    </message>
    <message>
        <source>B status</source>
        <translation>Statut B</translation>
    </message>
    <message>
        <source>tries</source>
        <translation>essais</translation>
    </message>
    <message>
        <source>A time</source>
        <translation>Durée A</translation>
    </message>
    <message>
        <source>B time</source>
        <translation>Durée B</translation>
    </message>
    <message>
        <source>Δ time</source>
        <translation>Δ durée</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Différences</translation>
    </message>
    <message>
        <source>only in A</source>
        <translation>seulement dans A</translation>
    </message>
    <message>
        <source>only in B</source>
        <translation>seulement dans B</translation>
    </message>
    <message>
        <source>Only steps that differ</source>
        <translation>Seulement les étapes qui diffèrent</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; request and response</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; : requête et réponse</translation>
    </message>
    <message>
        <source>&lt;i&gt;Choose two runs to compare.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Choisissez deux exécutions à comparer.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>The runs have the same status, output and error.</source>
        <translation>Les exécutions ont le même statut, la même sortie et la même erreur.</translation>
    </message>
    <message>
        <source>The runs differ in: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Les exécutions diffèrent par : &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>%1 of %2 steps differ.</source>
        <translation>%1 étapes sur %2 diffèrent.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> ran only in %1.</source>
        <translation> n&apos;a été exécutée que dans %1.</translation>
    </message>
    <message>
        <source>: the same method, URL, status and bodies in both runs (headers are not compared).</source>
        <translation> : même méthode, URL, statut et corps dans les deux exécutions (les en-têtes ne sont pas comparés).</translation>
    </message>
    <message>
        <source> — values that differ:</source>
        <translation> — valeurs qui diffèrent :</translation>
    </message>
    <message>
        <source>&lt;br&gt;&amp;nbsp;… and %1 more</source>
        <translation>&lt;br&gt;&amp;nbsp;… et %1 de plus</translation>
    </message>
    <message>
        <source>(no request recorded)</source>
        <translation>(aucune requête enregistrée)</translation>
    </message>
    <message>
        <source>(not in run A)</source>
        <translation>(absente de l&apos;exécution A)</translation>
    </message>
    <message>
        <source>(not in run B)</source>
        <translation>(absente de l&apos;exécution B)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2 · %3 · &lt;b&gt;%4&lt;/b&gt; · %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2 · %3 · &lt;b&gt;%4&lt;/b&gt; · %5</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(absent)</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunPanel</name>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>nouvelle tentative</translation>
    </message>
    <message>
        <source>compensated</source>
        <translation>compensé</translation>
    </message>
    <message>
        <source>random</source>
        <translation>aléatoire</translation>
    </message>
    <message>
        <source>Seed for uuid(), jitter and mock faults; the same seed replays a run</source>
        <translation>Graine pour uuid(), la gigue et les pannes des mocks ; la même graine rejoue une exécution</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécuter</translation>
    </message>
    <message>
        <source>Run the flow once (F5)</source>
        <translation>Exécuter le flux une fois (F5)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Cancel the run; completed steps are compensated (Shift+F5)</source>
        <translation>Annuler l&apos;exécution ; les étapes terminées sont compensées (Maj+F5)</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Graine :</translation>
    </message>
    <message>
        <source>Input (JSON)</source>
        <translation>Entrée (JSON)</translation>
    </message>
    <message>
        <source>The run input; checked against the flow&apos;s input schema</source>
        <translation>L&apos;entrée de l&apos;exécution ; vérifiée par rapport au schéma d&apos;entrée du flux</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Press Run (F5) to run the flow against its mocks. Nodes light up as steps run.</source>
        <translation>Appuyez sur Exécuter (F5) pour exécuter le flux contre ses mocks. Les nœuds s&apos;allument au fil des étapes.</translation>
    </message>
    <message>
        <source>Run %1 of %2 (environment %3)</source>
        <translation>Exécution %1 de %2 (environnement %3)</translation>
    </message>
    <message>
        <source>Save the flow first: its workspace (mocks, environments) is found from the file&apos;s folder.</source>
        <translation>Enregistrez d&apos;abord le flux : son espace de travail (mocks, environnements) est trouvé à partir du dossier du fichier.</translation>
    </message>
    <message>
        <source>The input is not valid JSON: %1</source>
        <translation>L&apos;entrée n&apos;est pas du JSON valide : %1</translation>
    </message>
    <message>
        <source>The run could not start: %1</source>
        <translation>L&apos;exécution n&apos;a pas pu démarrer : %1</translation>
    </message>
    <message>
        <source>The seed must be a whole number (or empty for a random one).</source>
        <translation>La graine doit être un nombre entier (ou vide pour une graine aléatoire).</translation>
    </message>
    <message>
        <source>The run could not start:
%1</source>
        <translation>L&apos;exécution n&apos;a pas pu démarrer :
%1</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>Exécution de %1…</translation>
    </message>
    <message>
        <source>%1 of %2 failed</source>
        <translation>%1 sur %2 en échec</translation>
    </message>
    <message>
        <source>%1 runs: %2</source>
        <translation>%1 exécutions : %2</translation>
    </message>
    <message>
        <source> — last failure: %1</source>
        <translation> — dernier échec : %1</translation>
    </message>
    <message>
        <source>items: %1</source>
        <translation>éléments : %1</translation>
    </message>
    <message>
        <source>%1 %2 in %3 (%4)</source>
        <translation>%1 %2 en %3 (%4)</translation>
    </message>
    <message>
        <source> — %1 at step &apos;%2&apos;: %3</source>
        <translation> — %1 à l&apos;étape « %2 » : %3</translation>
    </message>
    <message>
        <source>
Stored in the workspace&apos;s trace database as run %1 (tutti trace show %1).</source>
        <translation>
Enregistrée dans la base de traces de l&apos;espace de travail comme exécution %1 (tutti trace show %1).</translation>
    </message>
    <message>
        <source>
Stored in %2 as run %1 (tutti trace show %1 --trace-db %2).</source>
        <translation>
Enregistrée dans %2 comme exécution %1 (tutti trace show %1 --trace-db %2).</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Ouvrir l&apos;exécution</translation>
    </message>
    <message>
        <source>Open the last run in the run viewer: its waterfall, requests and responses</source>
        <translation>Ouvrir la dernière exécution dans la visionneuse : sa cascade, ses requêtes et ses réponses</translation>
    </message>
    <message>
        <source>stored run</source>
        <translation>exécution enregistrée</translation>
    </message>
    <message>
        <source>%1 · %2 tries</source>
        <translation>%1 · %2 essais</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunViewer</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export the run for Jaeger or Perfetto</source>
        <translation>Exporter l&apos;exécution pour Jaeger ou Perfetto</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Show the whole run (Ctrl+0)</source>
        <translation>Afficher toute l&apos;exécution (Ctrl+0)</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Zoom avant (+, Ctrl+molette)</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <source>Zoom out (−, Ctrl+wheel)</source>
        <translation>Zoom arrière (−, Ctrl+molette)</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Tout déplier</translation>
    </message>
    <message>
        <source>Show every span</source>
        <translation>Afficher tous les spans</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Tout replier</translation>
    </message>
    <message>
        <source>Show the top-level spans only</source>
        <translation>Afficher seulement les spans de premier niveau</translation>
    </message>
    <message>
        <source>Export OTLP JSON…</source>
        <translation>Exporter en JSON OTLP…</translation>
    </message>
    <message>
        <source>Export Chrome trace…</source>
        <translation>Exporter une trace Chrome…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:%1;color:%1&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; critical path &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; error</source>
        <translation>&lt;span style=&apos;background:%1;color:%1&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; chemin critique &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; erreur</translation>
    </message>
    <message>
        <source>Run from here</source>
        <translation>Exécuter à partir d&apos;ici</translation>
    </message>
    <message>
        <source>Run the flow again from this step, reusing this run&apos;s results before it</source>
        <translation>Réexécuter le flux à partir de cette étape, en réutilisant les résultats de cette exécution qui la précèdent</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>Déplier</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>Replier</translation>
    </message>
    <message>
        <source>Zoom to span</source>
        <translation>Zoomer sur le span</translation>
    </message>
    <message>
        <source>No run to export</source>
        <translation>Aucune exécution à exporter</translation>
    </message>
    <message>
        <source>Export OTLP JSON</source>
        <translation>Exporter en JSON OTLP</translation>
    </message>
    <message>
        <source>Export Chrome trace</source>
        <translation>Exporter une trace Chrome</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Fichiers JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&lt;i&gt;No run open&lt;/i&gt;</source>
        <translation>&lt;i&gt;Aucune exécution ouverte&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;span style=&apos;color:white;background:%2&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; &amp;nbsp;%4 · %5 spans · %6 attempts · %7 errors · run %8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;span style=&apos;color:white;background:%2&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; &amp;nbsp;%4 · %5 spans · %6 tentatives · %7 erreurs · exécution %8</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>tutti::editor::SimulationPanel</name>
    <message>
        <source>How many runs to simulate</source>
        <translation>Combien d&apos;exécutions simuler</translation>
    </message>
    <message>
        <source>The same seed gives the same report</source>
        <translation>La même graine donne le même rapport</translation>
    </message>
    <message>
        <source>Runs in flight at once (they share mock state and circuit breakers)</source>
        <translation>Exécutions simultanées (elles partagent l&apos;état des mocks et les disjoncteurs)</translation>
    </message>
    <message>
        <source>The input of every run (JSON)</source>
        <translation>L&apos;entrée de chaque exécution (JSON)</translation>
    </message>
    <message>
        <source>Simulate</source>
        <translation>Simuler</translation>
    </message>
    <message>
        <source>Run the saved flow many times against its mocks in virtual time (F6)</source>
        <translation>Exécuter le flux enregistré de nombreuses fois contre ses mocks en temps virtuel (F6)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>Exécutions :</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Graine :</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>Concurrence :</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Entrée :</translation>
    </message>
    <message>
        <source>%v of %m runs</source>
        <translation>%v sur %m exécutions</translation>
    </message>
    <message>
        <source>End-to-end latency</source>
        <translation>Latence de bout en bout</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Appels</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Critical path</source>
        <translation>Chemin critique</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Per run</source>
        <translation>Par exécution</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>Sans correspondance</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Failed runs</source>
        <translation>Exécutions en échec</translation>
    </message>
    <message>
        <source>Simulate runs the flow as the editor shows it (unsaved edits included) thousands of times against its mocks in virtual time: pick a mock profile to inject faults, then press Simulate (F6).</source>
        <translation>La simulation exécute le flux tel que l&apos;éditeur le montre (modifications non enregistrées comprises) des milliers de fois contre ses mocks en temps virtuel : choisissez un profil de mock pour injecter des pannes, puis appuyez sur Simuler (F6).</translation>
    </message>
    <message>
        <source>Save the flow first: its workspace and mocks are found from the file&apos;s folder.</source>
        <translation>Enregistrez d&apos;abord le flux : son espace de travail et ses mocks sont trouvés à partir du dossier du fichier.</translation>
    </message>
    <message>
        <source>The simulation could not start: %1</source>
        <translation>La simulation n&apos;a pas pu démarrer : %1</translation>
    </message>
    <message>
        <source>The input is not valid JSON (line %1, column %2): %3</source>
        <translation>L&apos;entrée n&apos;est pas du JSON valide (ligne %1, colonne %2) : %3</translation>
    </message>
    <message>
        <source>The simulation could not start:
%1</source>
        <translation>La simulation n&apos;a pas pu démarrer :
%1</translation>
    </message>
    <message>
        <source>Simulating %L1 runs of %2…</source>
        <translation>Simulation de %L1 exécutions de %2…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;&lt;b&gt;%1%&lt;/b&gt; succeeded &amp;nbsp; p50 &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; p90 &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; p99 &lt;b&gt;%4&lt;/b&gt; &amp;nbsp; max %5&lt;/p&gt;&lt;p&gt;%6 runs · %7&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;seed %8 · %9%10&lt;/span&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;&lt;b&gt;%1 %&lt;/b&gt; réussies &amp;nbsp; p50 &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; p90 &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; p99 &lt;b&gt;%4&lt;/b&gt; &amp;nbsp; max %5&lt;/p&gt;&lt;p&gt;%6 exécutions · %7&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;graine %8 · %9%10&lt;/span&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>virtual time</source>
        <translation>temps virtuel</translation>
    </message>
    <message>
        <source>real time</source>
        <translation>temps réel</translation>
    </message>
    <message>
        <source> · profile %1</source>
        <translation> · profil %1</translation>
    </message>
    <message>
        <source>Cancelled after %L1 of %L2 runs; the report covers the finished runs.</source>
        <translation>Annulé après %L1 exécutions sur %L2 ; le rapport couvre les exécutions terminées.</translation>
    </message>
    <message>
        <source>Simulated %L1 runs of %2 (%3) in %4 of simulated time.</source>
        <translation>%L1 exécutions de %2 (%3) simulées en %4 de temps simulé.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>end-to-end latency, seconds (each bar starts at its label)</source>
        <translation>latence de bout en bout, secondes (chaque barre commence à son libellé)</translation>
    </message>
    <message>
        <source>end-to-end latency, ms (each bar starts at its label)</source>
        <translation>latence de bout en bout, ms (chaque barre commence à son libellé)</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>exécutions</translation>
    </message>
    <message>
        <source>End-to-end latency of %L1 runs</source>
        <translation>Latence de bout en bout de %L1 exécutions</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>Failed runs (%1)</source>
        <translation>Exécutions en échec (%1)</translation>
    </message>
    <message>
        <source>Failed runs kept in the trace database; double-click to open one in the run viewer</source>
        <translation>Exécutions en échec conservées dans la base de traces ; double-cliquez pour en ouvrir une dans la visionneuse</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Ouvrir l&apos;exécution</translation>
    </message>
</context>
<context>
    <name>tutti::editor::SpanDetail</name>
    <message>
        <source>&lt;b&gt;Data context&lt;/b&gt;</source>
        <translation>&lt;b&gt;Contexte de données&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input&lt;/b&gt;</source>
        <translation>&lt;b&gt;Entrée&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sortie&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>Aucune exécution</translation>
    </message>
    <message>
        <source>Open a run from the run history, the Run panel or the Simulation panel.</source>
        <translation>Ouvrez une exécution depuis l&apos;historique, le panneau Exécution ou le panneau Simulation.</translation>
    </message>
    <message>
        <source>Run %1 — %2</source>
        <translation>Exécution %1 — %2</translation>
    </message>
    <message>
        <source>status &lt;b&gt;%1&lt;/b&gt; · started %2%3 · duration %4 · %6 spans · seed %5</source>
        <translation>statut &lt;b&gt;%1&lt;/b&gt; · démarrée %2%3 · durée %4 · %6 spans · graine %5</translation>
    </message>
    <message>
        <source> (virtual time)</source>
        <translation> (temps virtuel)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Select a span for its request, response and retries.</source>
        <translation>&lt;br&gt;Sélectionnez un span pour voir sa requête, sa réponse et ses réessais.</translation>
    </message>
    <message>
        <source> (step %1)</source>
        <translation> (étape %1)</translation>
    </message>
    <message>
        <source>(no input)</source>
        <translation>(aucune entrée)</translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation>(aucune sortie)</translation>
    </message>
    <message>
        <source> · step %1</source>
        <translation> · étape %1</translation>
    </message>
    <message>
        <source>%1 · status &lt;b&gt;%2&lt;/b&gt; · start +%3 (%4) · duration %5</source>
        <translation>%1 · statut &lt;b&gt;%2&lt;/b&gt; · début +%3 (%4) · durée %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (HTTP %1)</source>
        <translation> (HTTP %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Retries&lt;/b&gt;</source>
        <translation>&lt;b&gt;Réessais&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Request&lt;/b&gt;</source>
        <translation>&lt;b&gt;Requête&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Response&lt;/b&gt;</source>
        <translation>&lt;b&gt;Réponse&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(a backoff wait sends nothing)</source>
        <translation>(une attente de temporisation n&apos;envoie rien)</translation>
    </message>
    <message>
        <source>(this span made no HTTP request)</source>
        <translation>(ce span n&apos;a fait aucune requête HTTP)</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> sur %1</translation>
    </message>
    <message>
        <source>(no response: %1)</source>
        <translation>(aucune réponse : %1)</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>aucune enregistrée</translation>
    </message>
    <message>
        <source>%1: ok after %2</source>
        <translation>%1 : ok après %2</translation>
    </message>
    <message>
        <source>%1: %2 after %3</source>
        <translation>%1 : %2 après %3</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>waited %1 before attempt %2</source>
        <translation>attente de %1 avant la tentative %2</translation>
    </message>
    <message>
        <source> because %1 failed with %2</source>
        <translation> car %1 a échoué avec %2</translation>
    </message>
    <message>
        <source>an error</source>
        <translation>une erreur</translation>
    </message>
    <message>
        <source>retried on %1</source>
        <translation>réessayé sur %1</translation>
    </message>
    <message>
        <source>exponential backoff: %1 × %2^%3 = %4</source>
        <translation>temporisation exponentielle : %1 × %2^%3 = %4</translation>
    </message>
    <message>
        <source>fixed delay %1</source>
        <translation>délai fixe %1</translation>
    </message>
    <message>
        <source>full jitter: a random part of it</source>
        <translation>gigue complète : une partie aléatoire de ce délai</translation>
    </message>
    <message>
        <source>cut short: the run was cancelled</source>
        <translation>interrompue : l&apos;exécution a été annulée</translation>
    </message>
    <message>
        <source> (cut short: the run was cancelled)</source>
        <translation> (interrompue : l&apos;exécution a été annulée)</translation>
    </message>
    <message>
        <source>The retry policy is not known here: the viewer was given no flow.</source>
        <translation>La politique de réessai n&apos;est pas connue ici : aucun flux n&apos;a été fourni à la visionneuse.</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 o</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 Kio</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 Mio</translation>
    </message>
    <message>
        <source>×%1 after each retry</source>
        <translation>×%1 après chaque réessai</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>fixe</translation>
    </message>
    <message>
        <source>Retry policy: up to %1 on %2; first delay %3, %4, at most %5; jitter %6</source>
        <translation>Politique de réessai : jusqu&apos;à %1 sur %2 ; premier délai %3, %4, au plus %5 ; gigue : %6</translation>
    </message>
    <message>
        <source>1 retry</source>
        <translation>1 réessai</translation>
    </message>
    <message>
        <source>%1 retries</source>
        <translation>%1 réessais</translation>
    </message>
    <message>
        <source>full</source>
        <translation>complète</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>; a longer Retry-After from the server wins</source>
        <translation> ; un Retry-After plus long du serveur l&apos;emporte</translation>
    </message>
    <message>
        <source>What the step saw: the run&apos;s input, the results of the steps that had finished when it started (as `steps.ID` reads them) and `vars` then — redacted as stored.</source>
        <translation>Ce que l’étape a vu : l’entrée de l’exécution, les résultats des étapes terminées à son démarrage (tels que `steps.ID` les lit) et `vars` à ce moment — masqués comme enregistrés.</translation>
    </message>
    <message>
        <source>This run was stored without step results (an older Tutti, or a simulation). Shown: the run&apos;s input, the last response of each step that had finished when this span started, and the finished steps without one.</source>
        <translation>Cette exécution a été enregistrée sans résultats d’étapes (un Tutti plus ancien, ou une simulation). Affiché : l’entrée de l’exécution, la dernière réponse de chaque étape terminée au début de ce segment, et les étapes terminées sans réponse.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::SpecForm</name>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>tutti::editor::StatusText</name>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>compensated</source>
        <translation>compensé</translation>
    </message>
    <message>
        <source>compensation_failed</source>
        <translation>échec de la compensation</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrompu</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>attempt</source>
        <translation>tentative</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>attente</translation>
    </message>
    <message>
        <source>compensation</source>
        <translation>compensation</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>branche</translation>
    </message>
    <message>
        <source>item</source>
        <translation>élément</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>tentative %1</translation>
    </message>
    <message>
        <source>backoff</source>
        <translation>temporisation</translation>
    </message>
    <message>
        <source>compensate %1</source>
        <translation>compenser %1</translation>
    </message>
    <message>
        <source>item %1</source>
        <translation>élément %1</translation>
    </message>
</context>
<context>
    <name>tutti::editor::StepPresentations</name>
    <message>
        <source>HTTP request</source>
        <translation>Requête HTTP</translation>
    </message>
    <message>
        <source>Call a service&apos;s HTTP API</source>
        <translation>Appeler l&apos;API HTTP d&apos;un service</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>Transformation</translation>
    </message>
    <message>
        <source>Build data into variables</source>
        <translation>Construire des données dans des variables</translation>
    </message>
    <message>
        <source>set %1</source>
        <translation>définit %1</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>Compute JSON with JavaScript</source>
        <translation>Calculer du JSON avec JavaScript</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Choix</translation>
    </message>
    <message>
        <source>Branch on conditions</source>
        <translation>Brancher selon des conditions</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n cas</numerusform>
            <numerusform>%n cas</numerusform>
        </translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>Parallèle</translation>
    </message>
    <message>
        <source>Run branches at the same time</source>
        <translation>Exécuter des branches en même temps</translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n branche</numerusform>
            <numerusform>%n branches</numerusform>
        </translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Run a body for every item</source>
        <translation>Exécuter un corps pour chaque élément</translation>
    </message>
    <message>
        <source>for each in %1</source>
        <translation>pour chaque élément de %1</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Pause for a duration or until a time</source>
        <translation>Faire une pause pendant une durée ou jusqu&apos;à une date</translation>
    </message>
    <message>
        <source>Call flow</source>
        <translation>Appel de flux</translation>
    </message>
    <message>
        <source>Run another flow as a sub-flow</source>
        <translation>Exécuter un autre flux comme sous-flux</translation>
    </message>
    <message>
        <source>Respond</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Finish successfully with a body</source>
        <translation>Terminer avec succès et un corps</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>statut %1</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Finish with an error (compensates)</source>
        <translation>Terminer sur une erreur (compense)</translation>
    </message>
    <message>
        <source>Unknown step</source>
        <translation>Étape inconnue</translation>
    </message>
    <message>
        <source>A step type this build does not know</source>
        <translation>Un type d&apos;étape que cette version ne connaît pas</translation>
    </message>
</context>
<context>
    <name>tutti::editor::TryItPanel</name>
    <message>
        <source>/charges/ch_1?verbose=1</source>
        <translation>/charges/ch_1?verbose=1</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Reset state</source>
        <translation>Réinitialiser l&apos;état</translation>
    </message>
    <message>
        <source>Back to the mock&apos;s initial state and the start of its sequences</source>
        <translation>Retour à l&apos;état initial du mock et au début de ses séquences</translation>
    </message>
    <message>
        <source>Request body (JSON, optional)</source>
        <translation>Corps de la requête (JSON, facultatif)</translation>
    </message>
    <message>
        <source>Send a request to see what the mock answers.</source>
        <translation>Envoyez une requête pour voir ce que le mock répond.</translation>
    </message>
    <message>
        <source>State reset: the next request sees the mock&apos;s initial state.</source>
        <translation>État réinitialisé : la prochaine requête voit l&apos;état initial du mock.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b91c1c&apos;&gt;The mock does not load: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b91c1c&apos;&gt;Le mock ne se charge pas : %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b91c1c&apos;&gt;%1&lt;/b&gt; after %2 &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;request %3&lt;/span&gt;</source>
        <translation>&lt;b style=&apos;color:#b91c1c&apos;&gt;%1&lt;/b&gt; après %2 &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;requête %3&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:%1; font-size:14px&apos;&gt;%2&lt;/b&gt; &amp;nbsp; latency &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;request %4&lt;/span&gt;</source>
        <translation>&lt;b style=&apos;color:%1; font-size:14px&apos;&gt;%2&lt;/b&gt; &amp;nbsp; latence &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;requête %4&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>tutti::editor::WaterfallView</name>
    <message>
        <source> — step %1</source>
        <translation> — étape %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>start: +%1</source>
        <translation>début : +%1</translation>
    </message>
    <message>
        <source>duration: %1</source>
        <translation>durée : %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>erreur : %1</translation>
    </message>
    <message>
        <source>on the critical path</source>
        <translation>sur le chemin critique</translation>
    </message>
    <message>
        <source>%1 spans</source>
        <translation>%1 spans</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>Aucune exécution</translation>
    </message>
    <message>
        <source>This run recorded no spans.</source>
        <translation>Cette exécution n&apos;a enregistré aucun span.</translation>
    </message>
    <message>
        <source>Open a run to see its spans.</source>
        <translation>Ouvrez une exécution pour voir ses spans.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::YamlEditor</name>
    <message>
        <source>untitled.flow.yaml</source>
        <translation>sans-titre.flow.yaml</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Ligne %1, colonne %2 : %3</translation>
    </message>
    <message>
        <source>YAML error: %1</source>
        <translation>Erreur YAML : %1</translation>
    </message>
    <message>
        <source>The YAML does not parse — %1. The canvas is drawn once it does; saving keeps your text as typed.</source>
        <translation>Le YAML ne s&apos;analyse pas — %1. Le canevas s&apos;affiche dès qu&apos;il s&apos;analyse ; l&apos;enregistrement garde votre texte tel que saisi.</translation>
    </message>
    <message>
        <source>The YAML does not parse — %1. The canvas shows the last version that did; saving keeps your text as typed.</source>
        <translation>Le YAML ne s&apos;analyse pas — %1. Le canevas montre la dernière version analysable ; l&apos;enregistrement garde votre texte tel que saisi.</translation>
    </message>
</context>
<context>
    <name>tutti::engine::FieldDoc</name>
    <message>
        <source>JSON; a plain string is sent as text</source>
        <translation>JSON ; une simple chaîne est envoyée comme texte</translation>
    </message>
    <message>
        <source>`[{name, steps}]`, run side by side; the result is keyed by branch name</source>
        <translation>`[{name, steps}]`, exécutées côte à côte ; le résultat est indexé par nom de branche</translation>
    </message>
    <message>
        <source>`[{on, next}]`: where to go on an error instead of failing the run</source>
        <translation>`[{on, next}]` : où aller sur une erreur au lieu de faire échouer l&apos;exécution</translation>
    </message>
    <message>
        <source>`[{when, next}]`, tried in order; the first whose `when` holds picks the next step</source>
        <translation>`[{when, next}]`, essayés dans l&apos;ordre ; le premier dont le `when` est vrai choisit l&apos;étape suivante</translation>
    </message>
    <message>
        <source>`fast`: a failing branch cancels the others; `all`: let them finish</source>
        <translation>`fast` : une branche en échec annule les autres ; `all` : les laisser finir</translation>
    </message>
    <message>
        <source>`full` randomises each delay</source>
        <translation>`full` rend chaque délai aléatoire</translation>
    </message>
    <message>
        <source>`{Header-Name: value}`</source>
        <translation>`{Nom-En-Tête: valeur}`</translation>
    </message>
    <message>
        <source>`{name: value, …}`; each value is a JSON template, kept in file order</source>
        <translation>`{nom: valeur, …}` ; chaque valeur est un modèle JSON, dans l&apos;ordre du fichier</translation>
    </message>
    <message>
        <source>`{name: value}`, percent-encoded</source>
        <translation>`{nom: valeur}`, encodé en pourcentage</translation>
    </message>
    <message>
        <source>a bare expression (`{{ }}` means the same); a YAML boolean or number also works</source>
        <translation>une expression nue (`{{ }}` revient au même) ; un booléen ou un nombre YAML fonctionne aussi</translation>
    </message>
    <message>
        <source>a bare expression giving the array</source>
        <translation>une expression nue qui donne le tableau</translation>
    </message>
    <message>
        <source>a bare expression: an ISO-8601 time or epoch milliseconds; or `duration`</source>
        <translation>une expression nue : une date ISO-8601 ou des millisecondes epoch ; ou `duration`</translation>
    </message>
    <message>
        <source>a full URL instead of `path`</source>
        <translation>une URL complète au lieu de `path`</translation>
    </message>
    <message>
        <source>a full URL instead of `service` + `request.path` (shorthand for `request.url`)</source>
        <translation>une URL complète au lieu de `service` + `request.path` (raccourci de `request.url`)</translation>
    </message>
    <message>
        <source>a strict-mode function body of `input, steps, vars, env, item, index, run`</source>
        <translation>un corps de fonction en mode strict de `input, steps, vars, env, item, index, run`</translation>
    </message>
    <message>
        <source>bearer, basic, api_key or oauth2_client_credentials</source>
        <translation>bearer, basic, api_key ou oauth2_client_credentials</translation>
    </message>
    <message>
        <source>delay multiplier, ≥ 1.0</source>
        <translation>multiplicateur du délai, ≥ 1.0</translation>
    </message>
    <message>
        <source>failed items allowed, ≥ 0</source>
        <translation>éléments en échec autorisés, ≥ 0</translation>
    </message>
    <message>
        <source>how far the script&apos;s address space may grow; at least 1MiB</source>
        <translation>jusqu&apos;où l&apos;espace d&apos;adressage du script peut croître ; au moins 1MiB</translation>
    </message>
    <message>
        <source>how long to wait; or `until`</source>
        <translation>combien de temps attendre ; ou `until`</translation>
    </message>
    <message>
        <source>how many items may fail without failing the step: `{count: N}` or `{percent: P}`</source>
        <translation>combien d&apos;éléments peuvent échouer sans faire échouer l&apos;étape : `{count: N}` ou `{percent: P}`</translation>
    </message>
    <message>
        <source>items run at once; 0 = unlimited</source>
        <translation>éléments exécutés à la fois ; 0 = illimité</translation>
    </message>
    <message>
        <source>let run data choose the host (turns the SSRF rule off for this step)</source>
        <translation>laisser les données de l&apos;exécution choisir l&apos;hôte (désactive la règle SSRF pour cette étape)</translation>
    </message>
    <message>
        <source>letters, digits and `_`, unique in the step (read as `steps.ID.NAME`)</source>
        <translation>lettres, chiffres et `_`, unique dans l&apos;étape (lu comme `steps.ID.NAME`)</translation>
    </message>
    <message>
        <source>path on the service&apos;s base URL; needs the step&apos;s `service`</source>
        <translation>chemin sur l&apos;URL de base du service ; nécessite le `service` de l&apos;étape</translation>
    </message>
    <message>
        <source>per attempt</source>
        <translation>par tentative</translation>
    </message>
    <message>
        <source>per attempt, compiling included</source>
        <translation>par tentative, compilation comprise</translation>
    </message>
    <message>
        <source>retries after the first attempt, 0–1000</source>
        <translation>réessais après la première tentative, 0–1000</translation>
    </message>
    <message>
        <source>retry the step&apos;s action on the named errors (see *Retry*)</source>
        <translation>réessayer l&apos;action de l&apos;étape sur les erreurs nommées (voir *Retry*)</translation>
    </message>
    <message>
        <source>sent as application/x-www-form-urlencoded instead of `body`</source>
        <translation>envoyé en application/x-www-form-urlencoded au lieu de `body`</translation>
    </message>
    <message>
        <source>share of failed items allowed, 0–100</source>
        <translation>part d&apos;éléments en échec autorisée, 0–100</translation>
    </message>
    <message>
        <source>stop the run here (its result is the run&apos;s output); not together with `next`</source>
        <translation>arrêter l&apos;exécution ici (son résultat est la sortie de l&apos;exécution) ; pas avec `next`</translation>
    </message>
    <message>
        <source>the HTTP method, any case</source>
        <translation>la méthode HTTP, casse indifférente</translation>
    </message>
    <message>
        <source>the HTTP status, 100–599</source>
        <translation>le statut HTTP, 100–599</translation>
    </message>
    <message>
        <source>the body, run per item</source>
        <translation>le corps, exécuté pour chaque élément</translation>
    </message>
    <message>
        <source>the branch&apos;s steps</source>
        <translation>les étapes de la branche</translation>
    </message>
    <message>
        <source>the error name: letters, digits, `_`, `-`, `.`</source>
        <translation>le nom de l&apos;erreur : lettres, chiffres, `_`, `-`, `.`</translation>
    </message>
    <message>
        <source>the error names caught</source>
        <translation>les noms d&apos;erreurs interceptés</translation>
    </message>
    <message>
        <source>the error names retried</source>
        <translation>les noms d&apos;erreurs réessayés</translation>
    </message>
    <message>
        <source>the first delay</source>
        <translation>le premier délai</translation>
    </message>
    <message>
        <source>the largest answer body read</source>
        <translation>le plus grand corps de réponse lu</translation>
    </message>
    <message>
        <source>the longest delay</source>
        <translation>le délai le plus long</translation>
    </message>
    <message>
        <source>the name the body reads the item as (not a root such as `input` or `index`)</source>
        <translation>le nom sous lequel le corps lit l&apos;élément (pas une racine comme `input` ou `index`)</translation>
    </message>
    <message>
        <source>the request that undoes this step when the run fails later</source>
        <translation>la requête qui annule cette étape si l&apos;exécution échoue plus tard</translation>
    </message>
    <message>
        <source>the request that undoes this step when the run fails later (a `path` is on the step&apos;s service)</source>
        <translation>la requête qui annule cette étape si l&apos;exécution échoue plus tard (un `path` porte sur le service de l&apos;étape)</translation>
    </message>
    <message>
        <source>the request that undoes this step when the run fails later (needs a full `url`: a call step has no service)</source>
        <translation>la requête qui annule cette étape si l&apos;exécution échoue plus tard (nécessite une `url` complète : une étape d&apos;appel n&apos;a pas de service)</translation>
    </message>
    <message>
        <source>the request: method, path on the service, query, headers, body or form</source>
        <translation>la requête : méthode, chemin sur le service, paramètres, en-têtes, corps ou formulaire</translation>
    </message>
    <message>
        <source>the run&apos;s output</source>
        <translation>la sortie de l&apos;exécution</translation>
    </message>
    <message>
        <source>the service the request goes to; required unless a full `url` is given</source>
        <translation>le service auquel va la requête ; obligatoire sauf si une `url` complète est donnée</translation>
    </message>
    <message>
        <source>the shape stored as the step&apos;s result; the raw answer is read as `response`</source>
        <translation>la forme enregistrée comme résultat de l&apos;étape ; la réponse brute se lit comme `response`</translation>
    </message>
    <message>
        <source>the statuses that count as success: 200, &quot;2xx&quot;, &quot;200-299&quot;, or a list</source>
        <translation>les statuts qui comptent comme succès : 200, &quot;2xx&quot;, &quot;200-299&quot;, ou une liste</translation>
    </message>
    <message>
        <source>the step to go to next, in the same list</source>
        <translation>l&apos;étape suivante, dans la même liste</translation>
    </message>
    <message>
        <source>the step to go to, in the same list</source>
        <translation>l&apos;étape où aller, dans la même liste</translation>
    </message>
    <message>
        <source>the sub-flow&apos;s file, relative to this one; it must exist and not be this file</source>
        <translation>le fichier du sous-flux, relatif à celui-ci ; il doit exister et ne pas être ce fichier</translation>
    </message>
    <message>
        <source>the sub-flow&apos;s input</source>
        <translation>l&apos;entrée du sous-flux</translation>
    </message>
    <message>
        <source>the whole step, cancelling its branches</source>
        <translation>l&apos;étape entière, en annulant ses branches</translation>
    </message>
    <message>
        <source>the whole step, cancelling the items still running</source>
        <translation>l&apos;étape entière, en annulant les éléments encore en cours</translation>
    </message>
    <message>
        <source>the whole step: every attempt and the sub-flow</source>
        <translation>l&apos;étape entière : chaque tentative et le sous-flux</translation>
    </message>
    <message>
        <source>wait the server&apos;s Retry-After when it is longer</source>
        <translation>attendre le Retry-After du serveur s&apos;il est plus long</translation>
    </message>
    <message>
        <source>what went wrong</source>
        <translation>ce qui s&apos;est mal passé</translation>
    </message>
    <message>
        <source>where to go when no case holds</source>
        <translation>où aller quand aucun cas ne s&apos;applique</translation>
    </message>
</context>
<context>
    <name>tutti::studio::ExportDialog</name>
    <message>
        <source># The folder Save… writes:</source>
        <translation># Le dossier qu&apos;écrit Enregistrer… :</translation>
    </message>
    <message>
        <source># ==&gt; %1 (copied)</source>
        <translation># ==&gt; %1 (copié)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Exporter %1</translation>
    </message>
    <message>
        <source>Automatic (JSONPath when every expression maps, else JSONata)</source>
        <translation>Automatique (JSONPath si chaque expression se traduit, sinon JSONata)</translation>
    </message>
    <message>
        <source>JSONPath</source>
        <translation>JSONPath</translation>
    </message>
    <message>
        <source>JSONata</source>
        <translation>JSONata</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Cible :</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Environnement :</translation>
    </message>
    <message>
        <source>&amp;Query language:</source>
        <translation>&amp;Langage de requête :</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>En&amp;registrer…</translation>
    </message>
    <message>
        <source>Exporting %1.</source>
        <translation>Export de %1.</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>Export impossible : %1</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>Aucun avertissement.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s):</source>
        <translation>
            <numerusform>%n avertissement :</numerusform>
            <numerusform>%n avertissements :</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Rien à enregistrer</translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation>Écrit dans %1.</translation>
    </message>
    <message>
        <source>Bundle folder</source>
        <translation>Dossier du paquet</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>%1 is not empty. Write the bundle into it anyway?</source>
        <translation>%1 n&apos;est pas vide. Y écrire le paquet quand même ?</translation>
    </message>
</context>
<context>
    <name>tutti::studio::HelpBrowser</name>
    <message>
        <source>Tutti Studio Documentation</source>
        <translation>Documentation de Tutti Studio</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>Précédent (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>Suivant (Alt+Droite)</translation>
    </message>
    <message>
        <source>Find in page (Ctrl+F, Enter for next)</source>
        <translation>Rechercher dans la page (Ctrl+F, Entrée pour la suivante)</translation>
    </message>
    <message>
        <source>%1 is not part of the offline documentation</source>
        <translation>%1 ne fait pas partie de la documentation hors ligne</translation>
    </message>
    <message>
        <source>%1 — Tutti Studio Documentation</source>
        <translation>%1 — Documentation de Tutti Studio</translation>
    </message>
    <message>
        <source>wrapped</source>
        <translation>reprise au début</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>introuvable</translation>
    </message>
</context>
<context>
    <name>tutti::studio::MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>%1 is used by the run and simulate panels</source>
        <translation>%1 est utilisé par les panneaux Exécution et Simulation</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Espace de travail</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New Flow</source>
        <translation>&amp;Nouveau flux</translation>
    </message>
    <message>
        <source>&amp;Open Flow…</source>
        <translation>&amp;Ouvrir un flux…</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>Ouvrir un espace de &amp;travail…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>Tout enre&amp;gistrer</translation>
    </message>
    <message>
        <source>Ctrl+Alt+S</source>
        <translation>Ctrl+Alt+S</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Close Flow</source>
        <translation>&amp;Fermer le flux</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Dupliquer</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>Re&amp;name Step…</source>
        <translation>Re&amp;nommer l&apos;étape…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>Rec&amp;hercher…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>Occurrence su&amp;ivante</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>Occurrence &amp;précédente</translation>
    </message>
    <message>
        <source>Find &amp;Step Type…</source>
        <translation>Rechercher un t&amp;ype d&apos;étape…</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Ctrl+=</source>
        <translation>Ctrl+=</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Taille réelle</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Fit Flow</source>
        <translation>A&amp;juster le flux</translation>
    </message>
    <message>
        <source>Ctrl+9</source>
        <translation>Ctrl+9</translation>
    </message>
    <message>
        <source>Automatic &amp;Layout</source>
        <translation>Disposition a&amp;utomatique</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;YAML View</source>
        <translation>Vue &amp;YAML</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>&amp;Minicarte</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Overview of the flow (hidden while all of it is in view)</source>
        <translation>Vue d&apos;ensemble du flux (masquée tant qu&apos;il est entièrement visible)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Panneaux</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Réinitialiser la &amp;disposition</translation>
    </message>
    <message>
        <source>Next Flow</source>
        <translation>Flux suivant</translation>
    </message>
    <message>
        <source>Ctrl+Tab</source>
        <translation>Ctrl+Tab</translation>
    </message>
    <message>
        <source>Previous Flow</source>
        <translation>Flux précédent</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Tab</source>
        <translation>Ctrl+Shift+Tab</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>&amp;Organiser</translation>
    </message>
    <message>
        <source>Align &amp;Horizontally</source>
        <translation>Aligner &amp;horizontalement</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>Align &amp;Vertically</source>
        <translation>Aligner &amp;verticalement</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>Distribute Hori&amp;zontally</source>
        <translation>Répartir hori&amp;zontalement</translation>
    </message>
    <message>
        <source>Distribute V&amp;ertically</source>
        <translation>Répartir v&amp;erticalement</translation>
    </message>
    <message>
        <source>&amp;Collapse/Expand Container</source>
        <translation>&amp;Replier/déplier le conteneur</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Tutti Studio</source>
        <translation>À &amp;propos de Tutti Studio</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>About Tutti Studio</source>
        <translation>À propos de Tutti Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tutti Studio %1&lt;/h3&gt;&lt;p&gt;Design, run and break API orchestration flows.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tutti Studio %1&lt;/h3&gt;&lt;p&gt;Concevoir, exécuter et mettre à l&apos;épreuve des flux d&apos;orchestration d&apos;API.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Mocks</source>
        <translation>Mocks</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>No flows in %1 yet: File › New Flow starts one</source>
        <translation>Aucun flux dans %1 pour l&apos;instant : Fichier › Nouveau flux en crée un</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Cannot open %1:
%2</source>
        <translation>Impossible d&apos;ouvrir %1 :
%2</translation>
    </message>
    <message>
        <source>Open Flow</source>
        <translation>Ouvrir un flux</translation>
    </message>
    <message>
        <source>%1 does not parse: %2</source>
        <translation>%1 ne s&apos;analyse pas : %2</translation>
    </message>
    <message>
        <source>✗ does not parse</source>
        <translation>✗ ne s&apos;analyse pas</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n problem(s)</source>
        <translation>
            <numerusform>⚠ %n problème</numerusform>
            <numerusform>⚠ %n problèmes</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ valid</source>
        <translation>✓ valide</translation>
    </message>
    <message>
        <source>Tutti Studio</source>
        <translation>Tutti Studio</translation>
    </message>
    <message>
        <source>Flows, mocks and profiles (*.flow.yaml *.mock.yaml *.profile.yaml);;YAML (*.yaml *.yml)</source>
        <translation>Flux, mocks et profils (*.flow.yaml *.mock.yaml *.profile.yaml);;YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Effacer la liste</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cannot save:
%1</source>
        <translation>Enregistrement impossible :
%1</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>Enregistrement impossible : %1</translation>
    </message>
    <message>
        <source>Save Flow As</source>
        <translation>Enregistrer le flux sous</translation>
    </message>
    <message>
        <source>Flows (*.flow.yaml)</source>
        <translation>Flux (*.flow.yaml)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Saved %1 as typed, but it does not parse: %2</source>
        <translation>%1 enregistré tel que saisi, mais il ne s&apos;analyse pas : %2</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 contient des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <source>The YAML does not parse (%1); it is saved as typed.</source>
        <translation>Le YAML ne s&apos;analyse pas (%1) ; il est enregistré tel que saisi.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Échec de l&apos;enregistrement automatique : %1</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Récupérer les modifications non enregistrées ?</translation>
    </message>
    <message>
        <source>Tutti Studio found an autosaved version of %1 from %2 that is newer than the file — probably from a session that did not end cleanly. Restore it?</source>
        <translation>Tutti Studio a trouvé une version de %1 enregistrée automatiquement le %2, plus récente que le fichier — probablement d&apos;une session qui ne s&apos;est pas terminée proprement. La restaurer ?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>The autosave cannot be read:
%1</source>
        <translation>L&apos;enregistrement automatique ne peut pas être lu :
%1</translation>
    </message>
    <message>
        <source>Restored unsaved changes of %1; they do not parse: %2</source>
        <translation>Modifications non enregistrées de %1 restaurées ; elles ne s&apos;analysent pas : %2</translation>
    </message>
    <message>
        <source>Restored unsaved changes of %1</source>
        <translation>Modifications non enregistrées de %1 restaurées</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Enregistrer sous</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 as typed — it has %n problem(s): %2</source>
        <translation>
            <numerusform>%1 enregistré tel que saisi — il a %n problème : %2</numerusform>
            <numerusform>%1 enregistré tel que saisi — il a %n problèmes : %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tutti::studio::RunBrowser</name>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Run Viewer</source>
        <translation>Visionneuse d&apos;exécution</translation>
    </message>
    <message>
        <source>Open a workspace first: its runs are in WORKSPACE/.tutti/traces.db</source>
        <translation>Ouvrez d&apos;abord un espace de travail : ses exécutions sont dans WORKSPACE/.tutti/traces.db</translation>
    </message>
    <message>
        <source>No runs stored yet in %1</source>
        <translation>Aucune exécution enregistrée pour l&apos;instant dans %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source> — its flow %1 is not open, so the canvas shows no overlay</source>
        <translation> — son flux %1 n&apos;est pas ouvert, le canevas n&apos;affiche donc aucune superposition</translation>
    </message>
    <message>
        <source> — the flow is running, so its canvas keeps showing that run</source>
        <translation> — le flux est en cours d&apos;exécution, son canevas continue donc d&apos;afficher celle-ci</translation>
    </message>
    <message>
        <source>Run %1 (%2) opened%3</source>
        <translation>Exécution %1 (%2) ouverte%3</translation>
    </message>
    <message>
        <source>Run from here needs the run&apos;s flow open in a tab</source>
        <translation>« Exécuter à partir d’ici » nécessite le flux de l’exécution ouvert dans un onglet</translation>
    </message>
</context>
<context>
    <name>tutti::studio::SecretsDialog</name>
    <message>
        <source>Secrets</source>
        <translation>Secrets</translation>
    </message>
    <message>
        <source>Secrets of this workspace, kept in the system keychain. Flows read them as &lt;code&gt;{{ secret.NAME }}&lt;/code&gt;; a TUTTI_SECRET_NAME environment variable wins. Values are never shown or written to a file.</source>
        <translation>Secrets de cet espace de travail, conservés dans le trousseau du système. Les flux les lisent sous la forme &lt;code&gt;{{ secret.NAME }}&lt;/code&gt; ; une variable d&apos;environnement TUTTI_SECRET_NAME l&apos;emporte. Les valeurs ne sont jamais affichées ni écrites dans un fichier.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Aucun espace de travail n&apos;est ouvert.</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Espace de travail : %1</translation>
    </message>
    <message>
        <source>NAME (letters, digits, _)</source>
        <translation>NAME (lettres, chiffres, _)</translation>
    </message>
    <message>
        <source>value (not shown)</source>
        <translation>valeur (non affichée)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Valeur :</translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>No keychain in this build: use TUTTI_SECRET_NAME environment variables.</source>
        <translation>Pas de trousseau dans cette version : utilisez des variables d&apos;environnement TUTTI_SECRET_NAME.</translation>
    </message>
    <message>
        <source>Open a workspace to keep its secrets.</source>
        <translation>Ouvrez un espace de travail pour conserver ses secrets.</translation>
    </message>
    <message>
        <source>No secrets stored for this workspace yet.</source>
        <translation>Aucun secret enregistré pour cet espace de travail pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Stored %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 supprimé.</translation>
    </message>
</context>
<context>
    <name>tutti::studio::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Édition</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>Taille du texte :</translation>
    </message>
    <message>
        <source>Of the canvas and the YAML view; %1 pt is the standard size.</source>
        <translation>Du canevas et de la vue YAML ; %1 pt est la taille standard.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Autosave every:</source>
        <translation>Sauvegarde auto. toutes les :</translation>
    </message>
    <message>
        <source>Unsaved flows are copied to WORKSPACE/.tutti/autosave and offered back after a crash; the files themselves change only when you save.</source>
        <translation>Les flux non enregistrés sont copiés dans WORKSPACE/.tutti/autosave et proposés à nouveau après un plantage ; les fichiers eux-mêmes ne changent que lorsque vous enregistrez.</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Thème :</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Takes effect the next time Tutti Studio starts.</source>
        <translation>Prend effet au prochain démarrage de Tutti Studio.</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Default environment:</source>
        <translation>Environnement par défaut :</translation>
    </message>
    <message>
        <source>What the Run panel starts on when the flow&apos;s tutti.yaml has it; otherwise mock, where every service answers from its mock.</source>
        <translation>Ce sur quoi le panneau Exécution démarre quand le tutti.yaml du flux le définit ; sinon mock, où chaque service répond depuis son mock.</translation>
    </message>
    <message>
        <source>In each workspace: WORKSPACE/.tutti/traces.db</source>
        <translation>Dans chaque espace de travail : WORKSPACE/.tutti/traces.db</translation>
    </message>
    <message>
        <source>In one database for every workspace:</source>
        <translation>Dans une seule base pour tous les espaces de travail :</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Store runs:</source>
        <translation>Stocker les exécutions :</translation>
    </message>
    <message>
        <source>Runs and the failed runs a simulation keeps go there; tutti trace reads the workspace&apos;s unless given --trace-db.</source>
        <translation>Les exécutions, et les exécutions en échec qu&apos;une simulation conserve, y sont stockées ; tutti trace lit celle de l&apos;espace de travail sauf avec --trace-db.</translation>
    </message>
    <message>
        <source>Trace Database</source>
        <translation>Base de traces</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>Bases SQLite (*.db *.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
</context>
<context>
    <name>tutti::studio::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Filter by action or key, e.g. “save” or “Ctrl+S”</source>
        <translation>Filtrer par action ou touche, p. ex. « enregistrer » ou « Ctrl+S »</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>   or   </source>
        <translation>   ou   </translation>
    </message>
    <message>
        <source>   (on the canvas)</source>
        <translation>   (sur le canevas)</translation>
    </message>
    <message>
        <source>With the mouse on the canvas: Ctrl+wheel zooms; the wheel, the middle button or Space+drag pans.</source>
        <translation>Avec la souris sur le canevas : Ctrl+molette zoome ; la molette, le bouton du milieu ou Espace+glisser déplacent la vue.</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioDebugger</name>
    <message>
        <source>Debugger</source>
        <translation>Débogueur</translation>
    </message>
    <message>
        <source>&amp;Debug</source>
        <translation>Dé&amp;bogage</translation>
    </message>
    <message>
        <source>Start &amp;Debugging</source>
        <translation>&amp;Démarrer le débogage</translation>
    </message>
    <message>
        <source>Run the flow under the debugger: it stops at breakpoints (Ctrl+F5)</source>
        <translation>Exécuter le flux sous le débogueur : il s&apos;arrête aux points d&apos;arrêt (Ctrl+F5)</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuer</translation>
    </message>
    <message>
        <source>Go on until the next breakpoint or the end (F5)</source>
        <translation>Continuer jusqu&apos;au prochain point d&apos;arrêt ou à la fin (F5)</translation>
    </message>
    <message>
        <source>Step &amp;Over</source>
        <translation>Pas à pas &amp;principal</translation>
    </message>
    <message>
        <source>Run this step and stop before the next one (F10)</source>
        <translation>Exécuter cette étape et s&apos;arrêter avant la suivante (F10)</translation>
    </message>
    <message>
        <source>Step &amp;Into</source>
        <translation>Pas à pas dé&amp;taillé</translation>
    </message>
    <message>
        <source>Stop at the first step inside this parallel, map or call step (F11); on other steps, as Step Over</source>
        <translation>S&apos;arrêter à la première étape à l&apos;intérieur de cette étape parallel, map ou call (F11) ; sur les autres étapes, comme Pas à pas principal</translation>
    </message>
    <message>
        <source>Toggle &amp;Breakpoint</source>
        <translation>Basculer le point d&apos;a&amp;rrêt</translation>
    </message>
    <message>
        <source>Stop before the selected step when debugging (F9)</source>
        <translation>S&apos;arrêter avant l&apos;étape sélectionnée lors du débogage (F9)</translation>
    </message>
    <message>
        <source>Edit Breakpoint Co&amp;ndition…</source>
        <translation>Modifier la co&amp;ndition du point d&apos;arrêt…</translation>
    </message>
    <message>
        <source>Remove &amp;All Breakpoints</source>
        <translation>&amp;Supprimer tous les points d&apos;arrêt</translation>
    </message>
    <message>
        <source>Paused before %1</source>
        <translation>En pause avant %1</translation>
    </message>
    <message>
        <source>Remove &amp;Breakpoint</source>
        <translation>Supprimer le point d&apos;a&amp;rrêt</translation>
    </message>
    <message>
        <source>Stop before %1 only when this expression is true (empty: always), e.g. steps.reserve.status == 409 or input.amount &gt; 100:</source>
        <translation>S&apos;arrêter avant %1 seulement si cette expression est vraie (vide : toujours), p. ex. steps.reserve.status == 409 ou input.amount &gt; 100 :</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <source>Breakpoint Condition</source>
        <translation>Condition du point d&apos;arrêt</translation>
    </message>
    <message>
        <source>Breakpoint at %1</source>
        <translation>Point d&apos;arrêt sur %1</translation>
    </message>
    <message>
        <source>Breakpoint at %1 when %2</source>
        <translation>Point d&apos;arrêt sur %1 si %2</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioHelp</name>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Para&amp;mètres…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Documentation</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Open Example</source>
        <translation>Ouvrir un exemple</translation>
    </message>
    <message>
        <source>Opened your own copy of the %1 example: F5 runs it against its mocks</source>
        <translation>Votre propre copie de l&apos;exemple %1 est ouverte : F5 l&apos;exécute contre ses mocks</translation>
    </message>
    <message>
        <source>Se&amp;crets…</source>
        <translation>S&amp;ecrets…</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioPanels</name>
    <message>
        <source>Open a flow to edit its steps here.</source>
        <translation>Ouvrez un flux pour modifier ses étapes ici.</translation>
    </message>
    <message>
        <source>Open a flow to see its problems.</source>
        <translation>Ouvrez un flux pour voir ses problèmes.</translation>
    </message>
    <message>
        <source>Open a flow to run it.</source>
        <translation>Ouvrez un flux pour l&apos;exécuter.</translation>
    </message>
    <message>
        <source>Open a flow to simulate it.</source>
        <translation>Ouvrez un flux pour le simuler.</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>E&amp;xécution</translation>
    </message>
    <message>
        <source>&amp;Run Flow</source>
        <translation>&amp;Exécuter le flux</translation>
    </message>
    <message>
        <source>Run the flow once against its mocks or the chosen environment (F5)</source>
        <translation>Exécuter le flux une fois contre ses mocks ou l&apos;environnement choisi (F5)</translation>
    </message>
    <message>
        <source>&amp;Stop Run</source>
        <translation>&amp;Arrêter l&apos;exécution</translation>
    </message>
    <message>
        <source>Si&amp;mulate…</source>
        <translation>&amp;Simuler…</translation>
    </message>
    <message>
        <source>Run the flow thousands of times in virtual time (F6)</source>
        <translation>Exécuter le flux des milliers de fois en temps virtuel (F6)</translation>
    </message>
    <message>
        <source>&amp;Cancel Simulation</source>
        <translation>A&amp;nnuler la simulation</translation>
    </message>
    <message>
        <source>Mock profile %1 selected for runs and simulations</source>
        <translation>Profil de mock %1 sélectionné pour les exécutions et les simulations</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Problèmes (%1)</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioSettings</name>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Système (%1)</translation>
    </message>
    <message>
        <source>dark</source>
        <translation>sombre</translation>
    </message>
    <message>
        <source>light</source>
        <translation>clair</translation>
    </message>
</context>
<context>
    <name>tutti::studio::WelcomePage</name>
    <message>
        <source>Tutti Studio</source>
        <translation>Tutti Studio</translation>
    </message>
    <message>
        <source>Design, run and break API orchestration flows.</source>
        <translation>Concevoir, exécuter et mettre à l&apos;épreuve des flux d&apos;orchestration d&apos;API.</translation>
    </message>
    <message>
        <source>New here? Open an example on the right: each is a workspace with a flow and the mocks it talks to, so &lt;b&gt;Run&lt;/b&gt; (F5) and &lt;b&gt;Simulate&lt;/b&gt; (F6) work without a network. Help › Documentation (F1) has the flow format and every panel.</source>
        <translation>Nouveau ici ? Ouvrez un exemple à droite : chacun est un espace de travail avec un flux et les mocks auxquels il parle, donc &lt;b&gt;Exécuter&lt;/b&gt; (F5) et &lt;b&gt;Simuler&lt;/b&gt; (F6) fonctionnent sans réseau. Aide › Documentation (F1) décrit le format des flux et chaque panneau.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>New Flow</source>
        <translation>Nouveau flux</translation>
    </message>
    <message>
        <source>Start a flow in a new tab (Ctrl+N)</source>
        <translation>Commencer un flux dans un nouvel onglet (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open Flow…</source>
        <translation>Ouvrir un flux…</translation>
    </message>
    <message>
        <source>A flow, mock or profile file (Ctrl+O)</source>
        <translation>Un fichier de flux, de mock ou de profil (Ctrl+O)</translation>
    </message>
    <message>
        <source>Open Workspace…</source>
        <translation>Ouvrir un espace de travail…</translation>
    </message>
    <message>
        <source>A folder with flows, mocks/ and profiles/ (Ctrl+Shift+O)</source>
        <translation>Un dossier avec des flux, mocks/ et profiles/ (Ctrl+Maj+O)</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Documentation</translation>
    </message>
    <message>
        <source>The flow format, the studio, mocks and simulation (F1)</source>
        <translation>Le format des flux, le studio, les mocks et la simulation (F1)</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Every menu action and its keys</source>
        <translation>Chaque action de menu et ses touches</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Récents</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exemples</translation>
    </message>
    <message>
        <source>Opens a copy of the %1 example in %2</source>
        <translation>Ouvre une copie de l&apos;exemple %1 dans %2</translation>
    </message>
    <message>
        <source>This build has no bundled examples.</source>
        <translation>Cette version ne contient aucun exemple.</translation>
    </message>
    <message>
        <source>An example opens as your own copy: edit and run it freely.</source>
        <translation>Un exemple s&apos;ouvre comme votre propre copie : modifiez-le et exécutez-le librement.</translation>
    </message>
    <message>
        <source>Nothing opened yet.</source>
        <translation>Rien d&apos;ouvert pour l&apos;instant.</translation>
    </message>
</context>
</TS>
