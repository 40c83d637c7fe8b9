// 部门数据导入, a month's set of files or one file sent with the form of its type: upload with a progress bar, then
// follow the background import file by file (?handler=SetStatus), then show the results page (?job=ID). Without script
// the forms post as usual and the page answers when the import is done.
(function () {
  var forms = document.querySelectorAll('[data-set-form], [data-type-form]');
  var box = document.querySelector('[data-set-progress]');
  if (!forms.length || !box || !window.XMLHttpRequest || !window.FormData) return;
  var stage = box.querySelector('[data-set-stage]');
  var bar = box.querySelector('[data-set-bar]');
  var percent = box.querySelector('[data-set-percent]');
  var rows = box.querySelector('[data-set-files]');
  var page = location.pathname;

  function show(text, value) {
    box.hidden = false;
    stage.textContent = text;
    bar.value = value;
    percent.textContent = value + '%';
  }

  function problem(text) {
    var p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.setAttribute('data-testid', 'problem');
    p.textContent = text;
    box.parentNode.insertBefore(p, box);
    box.hidden = true;
  }

  function cell(tr, text) {
    var td = document.createElement('td');
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function render(status) {
    rows.textContent = '';
    status.files.forEach(function (f) {
      var tr = document.createElement('tr');
      cell(tr, f.name);
      cell(tr, f.feed);
      cell(tr, f.megabytes).className = 'num';
      cell(tr, f.state === '检查中' ? f.state + ' ' + f.percent + '%' : f.state);
      rows.appendChild(tr);
    });
  }

  function follow(job) {
    var url = page + '?handler=SetStatus&job=' + encodeURIComponent(job);
    var poll = function () {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', url);
      xhr.onload = function () {
        if (xhr.status !== 200) return problem('无法获取导入进度（' + xhr.status + '），请刷新页面查看导入记录。');
        var status = JSON.parse(xhr.responseText);
        render(status);
        show(status.done ? '导入完成' : '导入中', status.percent);
        if (status.done) location.assign(page + '?job=' + encodeURIComponent(job));
        else setTimeout(poll, 500);
      };
      xhr.onerror = function () { setTimeout(poll, 2000); };
      xhr.send();
    };
    poll();
  }

  function send(form, event) {
    event.preventDefault();
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', page + '?handler=' + (form.hasAttribute('data-set-form') ? 'SetStart' : 'TypeStart'));
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) show('上传中', Math.floor(e.loaded * 100 / e.total));
    };
    xhr.onload = function () {
      button.disabled = false;
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      if (xhr.status !== 200 || !answer) return problem('上传失败（' + xhr.status + '）：文件合计不能超过 500 MB。');
      if (answer.problem) return problem(answer.problem + (answer.skipped && answer.skipped.length ? '（未导入：' + answer.skipped.join('、') + '）' : ''));
      show('导入中', 0);
      follow(answer.job);
    };
    xhr.onerror = function () {
      button.disabled = false;
      problem('上传中断，未导入任何数据，请重试。');
    };
    show('上传中', 0);
    box.scrollIntoView({ block: 'nearest' });
    xhr.send(new FormData(form));
  }

  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener('submit', function (event) { send(form, event); });
  });

  // The page was opened on a running import (?job=ID): go on following it.
  if (box.getAttribute('data-job')) {
    show('导入中', 0);
    follow(box.getAttribute('data-job'));
  }
})();
